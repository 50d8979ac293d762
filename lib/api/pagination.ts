import { AppError } from "@/lib/domain/errors";

// Keyset pagination: the cursor is an opaque, base64url-encoded position (e.g. the last id),
// never an offset, so deep pages cost what the first page costs.

export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

export function decodeCursor<T extends Record<string, string | number>>(cursor: string | undefined, keys: (keyof T)[]): T | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as T;
    if (typeof value !== "object" || value === null || keys.some((k) => !(k in value))) throw new Error("shape");
    return value;
  } catch {
    throw new AppError("bad_request", "invalid cursor", { field: "cursor" });
  }
}

/** Rows fetched with `limit + 1`: trims the extra row and turns its presence into a cursor. */
export function toPage<T>(rows: T[], limit: number, positionOf: (row: T) => Record<string, string | number>): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(positionOf(items[items.length - 1])) };
}
