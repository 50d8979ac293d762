import { AppError } from "@/lib/domain/errors";

// Opaque keyset cursors (base64url JSON of the last row's sort key). Services cannot use lib/api;
// this mirrors its encodeCursor/decodeCursor.

export function encodeCursorValue(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

export function decodeCursorValue(cursor: string | undefined, keys: string[]): Record<string, string> | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof value !== "object" || value === null || keys.some((k) => typeof value[k] !== "string")) throw new Error("shape");
    return value as Record<string, string>;
  } catch {
    throw new AppError("bad_request", "invalid cursor", { field: "cursor" });
  }
}
