import { forgetSessions } from "./session-principal-cache";
import { forgetTokenPrincipals } from "./token-principal-cache";

/**
 * Called after anything that changes who may do what — a role change, a removal, a new
 * membership, a revoked token, a changed profile: the next request of every session and token
 * in this process resolves afresh (other instances within the caches' few seconds).
 */
export function forgetCachedPrincipals(): void {
  forgetTokenPrincipals();
  forgetSessions();
}
