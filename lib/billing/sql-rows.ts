import "server-only";

// db.execute returns a driver-specific result; both node-postgres and PGlite put rows in `rows`.
// Raw queries here cast every column to text or int in SQL, so both drivers return the same JS
// types (node-postgres would otherwise return int8 and numeric as strings, PGlite as numbers).

export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** PostgreSQL unique_violation, however the driver or drizzle wraps it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
