import type { Db, DbOrTx } from "@/lib/db/client";

// Small database helpers the simulator needs on both engines (PGlite and node-postgres).

/** Rows of a raw `execute()` — both drivers return `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => sqlState(error) === "23505";

/** Deadlock or serialization failure: PostgreSQL asks the client to retry the transaction. */
const isRetryable = (error: unknown) => ["40001", "40P01"].includes(sqlState(error) ?? "");

export async function transaction<T>(db: Db, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= 5 || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

export const iso = (d: Date | number) => new Date(d).toISOString();
export const isoOrNull = (d: Date | number | null | undefined) => (d === null || d === undefined ? null : iso(d));
/** Held time is counted in whole seconds: the simulator's instants are truncated to seconds. */
export const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
