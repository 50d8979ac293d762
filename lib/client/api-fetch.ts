// The console calls the API only through the SDK (lib/client/api.ts, lib/sdk). This module keeps
// the names components already import: the one ApiError and the per-intent Idempotency-Key.
export { ApiError } from "@/lib/sdk/api-error";
export { newIdempotencyKey } from "@/lib/sdk/client";
