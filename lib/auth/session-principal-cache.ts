import type { Principal } from "./principal";
import type { SessionClaims } from "./session-cookie";

// A browser polls and navigates all day: resolving its session cookie costs a decryption and two
// queries (the user, the memberships). The principal is kept per session (the cookie's value) for
// a few seconds, per process, shared through globalThis by Next's bundles and the custom server.
//
// Invalidation: a role change, a removal, a new membership, a profile change and a sign-out in
// this process forget the cached principals at once (lib/auth/forget-cached-principals.ts).
// Other instances of a multi-instance deployment have no message bus between them: they see the
// change when their entry lapses, at most SESSION_CACHE_TTL_MS later — the same bound API tokens
// have had (token-principal-cache.ts). The TTL is kept that short on purpose.

export const SESSION_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface CachedSession {
  principal: Omit<Principal, "context">;
  claims: SessionClaims;
}

interface Entry extends CachedSession {
  expiresAt: number;
}

const KEY = Symbol.for("hinoki.sessionPrincipalCache");
type G = typeof globalThis & { [KEY]?: Map<string, Entry> };

function entries(): Map<string, Entry> {
  const g = globalThis as G;
  return (g[KEY] ??= new Map());
}

export function cachedSession(cookieValue: string, now = Date.now()): CachedSession | null {
  const entry = entries().get(cookieValue);
  if (!entry) return null;
  // Never past the cache's few seconds, and never past the session's own expiry.
  if (entry.expiresAt <= now || entry.claims.exp * 1000 <= now) {
    entries().delete(cookieValue);
    return null;
  }
  return entry;
}

export function rememberSession(cookieValue: string, session: CachedSession, now = Date.now()): void {
  const map = entries();
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(cookieValue, { ...session, expiresAt: Math.min(now + SESSION_CACHE_TTL_MS, session.claims.exp * 1000) });
}

/** Every cached session of one person (sign-out), or of everyone (membership changes). */
export function forgetSessions(userId?: string): void {
  const map = entries();
  if (userId === undefined) return map.clear();
  for (const [key, entry] of map) if (entry.principal.userId === userId) map.delete(key);
}
