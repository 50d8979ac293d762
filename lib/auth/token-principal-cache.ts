import { processSingleton } from "@/lib/server/process-singleton";
import type { Principal } from "./principal";

// API tokens are resolved on every automation request. A short in-memory cache (per process,
// shared through globalThis by Next's bundles and the custom server) saves the lookups; any
// revocation or membership change in this process clears it at once, and other instances of a
// multi-instance deployment see it within the TTL. Last-used times are written at most once a
// minute per token, so a busy script does not turn every read into a database write.

export const TOKEN_CACHE_TTL_MS = 5_000;
const LAST_USED_WRITE_INTERVAL_MS = 60_000;

interface Entry {
  principal: Omit<Principal, "context">;
  expiresAt: number;
}

interface State {
  entries: Map<string, Entry>;
  lastUsedWrites: Map<string, number>;
}

function state(): State {
  return processSingleton("tokenPrincipalCache", (): State => ({ entries: new Map(), lastUsedWrites: new Map() }));
}

export function cachedTokenPrincipal(secretHash: string, now = Date.now()): Omit<Principal, "context"> | null {
  const entry = state().entries.get(secretHash);
  if (!entry) return null;
  if (entry.expiresAt <= now) {
    state().entries.delete(secretHash);
    return null;
  }
  return entry.principal;
}

export function rememberTokenPrincipal(secretHash: string, principal: Omit<Principal, "context">, tokenExpiresAt: Date | null, now = Date.now()): void {
  const s = state();
  if (s.entries.size > 10_000) s.entries.clear();
  const expiresAt = Math.min(now + TOKEN_CACHE_TTL_MS, tokenExpiresAt?.getTime() ?? Infinity);
  s.entries.set(secretHash, { principal, expiresAt });
}

/** Revocations, role changes and removals call this: the next request resolves afresh. */
export function forgetTokenPrincipals(): void {
  state().entries.clear();
}

export function shouldWriteLastUsed(tokenId: string, now = Date.now()): boolean {
  const s = state();
  const last = s.lastUsedWrites.get(tokenId) ?? 0;
  if (now - last < LAST_USED_WRITE_INTERVAL_MS) return false;
  s.lastUsedWrites.set(tokenId, now);
  return true;
}
