import { isAppError } from "@/lib/domain/errors";
import type { OperationError } from "./adapter";

// The one retry rule for every operation: an outage, a rate limit, an internal or an unknown
// error means "try again later" (exponential backoff, 1 s doubling to 30 s); any other refusal
// (no capacity, invalid, quota) is the control plane's final "no" and fails the operation.

const MAX_BACKOFF_MS = 30_000;

export function isTemporary(error: unknown): boolean {
  if (!isAppError(error)) return true;
  return error.code === "control_plane_unavailable" || error.code === "internal" || error.code === "rate_limited";
}

/** Delay before the next submission after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(Math.max(attempts, 1) - 1, 5));
}

export function describeError(error: unknown): OperationError & { details?: Record<string, unknown> } {
  if (isAppError(error)) return { code: error.code, message: error.message, details: error.details };
  return { code: "control_plane_unavailable", message: error instanceof Error ? error.message : String(error) };
}
