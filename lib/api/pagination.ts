// The route handlers' cursors: the one codec of lib/domain/cursor.ts.
export { decodeCursor, encodeCursor, toPage } from "@/lib/domain/cursor";
