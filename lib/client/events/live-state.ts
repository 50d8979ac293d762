import { useSyncExternalStore } from "react";

// Whether this tab's live stream is connected (lib/client/events/use-live-events.ts). While it is,
// lists and details stop polling and refetch when the stream says their topic moved; when it
// drops (a proxy that buffers, a server restart), they poll again at their own pace.

let connected = false;
const listeners = new Set<() => void>();

export function setLiveConnected(value: boolean): void {
  if (connected === value) return;
  connected = value;
  for (const listener of listeners) listener();
}

export function isLiveConnected(): boolean {
  return connected;
}

export function useLiveConnected(): boolean {
  return useSyncExternalStore(
    (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    () => connected,
    () => false,
  );
}

/**
 * For a react-query refetchInterval: the interval while the live stream is down; while it is up,
 * the stream's events refetch instead and a tab refreshes only once in a long while (a missed event).
 */
export function unlessLive(intervalMs: number | false): number | false {
  return connected ? LIVE_SAFETY_REFRESH_MS : intervalMs;
}

export const LIVE_SAFETY_REFRESH_MS = 5 * 60_000;
