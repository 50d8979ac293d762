import { useSyncExternalStore } from "react";
import { ApiError } from "../api-fetch";

// The request id of the last API call that failed in this tab: errors tell the person to quote
// it, and the help menu's support contact fills it in so nobody has to copy it by hand.
// Fed by the query client's caches (every query and mutation goes through them).

let last: string | null = null;
const listeners = new Set<() => void>();

export function rememberFailedRequest(error: unknown): void {
  if (!(error instanceof ApiError) || !error.requestId || error.requestId === last) return;
  last = error.requestId;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLastFailedRequestId(): string | null {
  return useSyncExternalStore(subscribe, () => last, () => null);
}
