import { forgetSessions } from "./session-principal-cache";
import { forgetTokenPrincipals } from "./token-principal-cache";

// Listeners (the live-event streams, lib/services/events/change-feed.ts) hear every forget: a
// stream authorized under the old rights ends and its tab reconnects under the new ones.
const KEY = Symbol.for("hinoki.principalsForgottenListeners");
type G = typeof globalThis & { [KEY]?: Set<() => void> };
const listeners = () => ((globalThis as G)[KEY] ??= new Set());

export function onPrincipalsForgotten(listener: () => void): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}

/**
 * Called after anything that changes who may do what — a role change, a removal, a new
 * membership, a revoked token, a changed profile: the next request of every session and token
 * in this process resolves afresh (other instances within the caches' few seconds).
 */
export function forgetCachedPrincipals(): void {
  forgetTokenPrincipals();
  forgetSessions();
  for (const listener of listeners()) listener();
}
