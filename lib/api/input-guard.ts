import { AppError } from "@/lib/domain/errors";

// Refuses what no schema should have to think about, once, for every route: a NUL character in
// a path parameter, a query value or any string (or key) of a JSON body — PostgreSQL cannot store
// one in text or jsonb and would answer with an error the API must never show as a 500 — and
// JSON nested deeper than any request of this API needs (a schema that accepts free-form JSON
// would otherwise hand a 10,000-level tree to JSON.stringify and the database).

export const MAX_JSON_DEPTH = 32;

type Where = "params" | "query" | "body";

function nulCharacter(where: Where, path: string): AppError {
  return new AppError("validation_failed", `NUL character in ${where}`, {
    issues: [{ path, code: "nul_character", message: "NUL characters (U+0000) are not allowed" }],
  });
}

/** Walks the value without recursion, so a hostile depth cannot overflow the stack here either. */
export function guardInput(where: Where, value: unknown): void {
  const stack: Array<{ value: unknown; path: string[]; depth: number }> = [{ value, path: [], depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const current = item.value;
    if (typeof current === "string") {
      if (current.includes("\u0000")) throw nulCharacter(where, item.path.join("."));
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    if (item.depth >= MAX_JSON_DEPTH) throw new AppError("bad_request", `${where} is nested more than ${MAX_JSON_DEPTH} levels deep`, { maxDepth: MAX_JSON_DEPTH });
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...item.path, String(i)], depth: item.depth + 1 });
      continue;
    }
    const entries = Object.entries(current as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      if (key.includes("\u0000")) throw nulCharacter(where, [...item.path, key.replaceAll("\u0000", "\\u0000")].join("."));
      stack.push({ value: child, path: [...item.path, key], depth: item.depth + 1 });
    }
  }
}

/** Every query parameter, repeated ones included (the wrapper's query object keeps only the last). */
export function guardQuery(searchParams: URLSearchParams): void {
  for (const [key, value] of searchParams) {
    if (key.includes("\u0000")) throw nulCharacter("query", key.replaceAll("\u0000", "\\u0000"));
    if (value.includes("\u0000")) throw nulCharacter("query", key);
  }
}
