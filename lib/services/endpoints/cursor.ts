import { AppError } from "@/lib/domain/errors";

// Opaque keyset cursors (the last id seen), base64url so nobody mistakes them for offsets.

export function encodeCursorValue(id: string): string {
  return Buffer.from(JSON.stringify({ id })).toString("base64url");
}

export function decodeCursorValue(cursor: string | undefined): string | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { id?: unknown };
    if (typeof value.id !== "string") throw new Error("shape");
    return value.id;
  } catch {
    throw new AppError("bad_request", "invalid cursor", { field: "cursor" });
  }
}
