import { AppError } from "./errors";

// The one cursor codec. Keyset pagination: the cursor is an opaque, base64url-encoded position
// (e.g. the last id, or the last name and id), never an offset, so deep pages cost what the first
// page costs. Every list — a service or a route handler — answers `{ items, nextCursor }`.

export type CursorPosition = Record<string, string | number>;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/** The position in a cursor, which must name each of `keys`; anything else is a 400. */
export function decodeCursor<T extends CursorPosition>(cursor: string | undefined, keys: (keyof T)[]): T | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as T;
    if (typeof value !== "object" || value === null || keys.some((k) => typeof value[k] !== "string" && typeof value[k] !== "number")) throw new Error("shape");
    return value;
  } catch {
    throw new AppError("bad_request", "invalid cursor", { field: "cursor" });
  }
}

export type Page<T> = { items: T[]; nextCursor: string | null };

/** A list that is whole by nature (an org's members, its tokens, its budgets): one page, no cursor. */
export function wholePage<T>(items: T[]): Page<T> {
  return { items, nextCursor: null };
}

/** Rows fetched with `limit + 1`: trims the extra row and turns its presence into a cursor. */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(positionOf(items[items.length - 1])) };
}
