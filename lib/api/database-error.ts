// Reads the SQLSTATE of a database error however it arrives: drizzle wraps the driver's error
// (node-postgres or PGlite, both carry `code`) in its own, with the original as `cause`.

export function sqlStateOf(error: unknown): string | null {
  let current: unknown = error;
  for (let hops = 0; hops < 5 && current && typeof current === "object"; hops++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Two writers raced for one unique value (a slug, an e-mail, a name): the loser's answer is 409. */
export const isUniqueViolation = (error: unknown) => sqlStateOf(error) === "23505";

/**
 * Class 22 "data exception" (a value out of range, a string too long, an invalid text
 * representation, a NUL byte): input that validation should have refused — a 400, not a 500.
 */
export const isDataException = (error: unknown) => sqlStateOf(error)?.startsWith("22") === true;
