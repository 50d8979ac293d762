import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import { intervalSetting } from "@/lib/server/env-settings";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { endpointKeys, endpoints } from "@/lib/db/schema";
import { servedAdapterNames } from "../adapters/served-adapter-names";

// What the inference gateway needs on every request — which endpoint a key opens, and that
// endpoint's state — cached in memory with a short TTL, so the hot path reads the database at
// most once per key and endpoint every few seconds.
//
// Next's route handlers and the custom server each bundle their own copy of this module, but
// there is one process: the caches live on globalThis under Symbol.for keys, so a revoke through
// the API (Next's copy) invalidates what the gateway (the server's copy) holds, at once.

export interface CachedKey {
  keyId: string;
  endpointId: string;
  orgId: string;
  /** Input + output tokens per JST month, or null for no limit. */
  monthlyTokenBudget: number | null;
}

export interface GatewayEndpoint {
  id: string;
  orgId: string;
  name: string;
  modelId: string;
  status: string;
  replicasReady: number;
  /** Expected cold start of a replica (the control plane's figure), for a waiting client's Retry-After. */
  coldStartSeconds: number;
  simulated: boolean;
  createdAtSeconds: number;
  /** Names of the LoRA adapters it serves (attached, or detaching and still loaded). */
  adapters: readonly string[];
}

interface Entry<T> {
  value: T | null;
  expiresAt: number;
}

interface Caches {
  keys: Map<string, Entry<CachedKey>>;
  endpoints: Map<string, Entry<GatewayEndpoint>>;
  /** Last time this process served a request per endpoint (a replica is surely warm then). */
  lastServed: Map<string, number>;
  /** Interactive requests in flight per endpoint in this process (batch work waits for spare capacity). */
  inFlight: Map<string, number>;
}

export function gatewayCaches(): Caches {
  return processSingleton("endpoints.gatewayCache", (): Caches => ({ keys: new Map(), endpoints: new Map(), lastServed: new Map(), inFlight: new Map() }));
}

export const KEY_TTL_MS = intervalSetting("HINOKI_GATEWAY_KEY_TTL_MS", 30_000);
/** Unknown keys are remembered briefly too, so a flood of bad keys cannot flood the database. */
export const NEGATIVE_KEY_TTL_MS = 5_000;
export const ENDPOINT_TTL_MS = intervalSetting("HINOKI_GATEWAY_ENDPOINT_TTL_MS", 2_000);
const MAX_ENTRIES = 100_000;

function remember<T>(map: Map<string, Entry<T>>, key: string, value: T | null, ttlMs: number, now: number) {
  if (map.size >= MAX_ENTRIES) {
    for (const [k, e] of map) if (e.expiresAt <= now) map.delete(k);
    if (map.size >= MAX_ENTRIES) map.clear();
  }
  map.set(key, { value, expiresAt: now + ttlMs });
}

/** Resolves a key by the SHA-256 of its secret; null when unknown or revoked. */
export async function resolveKey(db: () => Promise<DbOrTx>, secretHash: string, now = Date.now()): Promise<CachedKey | null> {
  const caches = gatewayCaches();
  const hit = caches.keys.get(secretHash);
  if (hit && hit.expiresAt > now) return hit.value;
  const [row] = await (await db())
    .select({ keyId: endpointKeys.id, endpointId: endpointKeys.endpointId, orgId: endpointKeys.orgId, monthlyTokenBudget: endpointKeys.monthlyTokenBudget, revokedAt: endpointKeys.revokedAt })
    .from(endpointKeys)
    .where(eq(endpointKeys.secretHash, secretHash))
    .limit(1);
  const value = row && !row.revokedAt ? { keyId: row.keyId, endpointId: row.endpointId, orgId: row.orgId, monthlyTokenBudget: row.monthlyTokenBudget } : null;
  remember(caches.keys, secretHash, value, value ? KEY_TTL_MS : NEGATIVE_KEY_TTL_MS, now);
  return value;
}

/** What the gateway (and the batch runner, which serves through it) keeps of an endpoint's record. */
export function toGatewayEndpoint(row: typeof endpoints.$inferSelect, adapters: readonly string[]): GatewayEndpoint {
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    modelId: row.modelId,
    status: row.status,
    replicasReady: row.replicasReady,
    coldStartSeconds: row.coldStartSeconds,
    simulated: row.simulated,
    createdAtSeconds: Math.floor(row.createdAt.getTime() / 1000),
    adapters,
  };
}

export async function resolveEndpoint(db: () => Promise<DbOrTx>, orgId: string, endpointId: string, now = Date.now()): Promise<GatewayEndpoint | null> {
  const caches = gatewayCaches();
  const hit = caches.endpoints.get(endpointId);
  if (hit && hit.expiresAt > now) return hit.value && hit.value.orgId === orgId ? hit.value : null;
  const [row] = await (await db())
    .select()
    .from(endpoints)
    .where(and(eq(endpoints.orgId, orgId), eq(endpoints.id, endpointId)))
    .limit(1);
  const value: GatewayEndpoint | null = row && !row.deletedAt ? toGatewayEndpoint(row, await servedAdapterNames(await db(), row.orgId, row.id)) : null;
  remember(caches.endpoints, endpointId, value, ENDPOINT_TTL_MS, now);
  return value;
}

/** A revoked key stops working at once in this process (other instances: within KEY_TTL_MS). */
export function invalidateKey(secretHash: string): void {
  gatewayCaches().keys.delete(secretHash);
}

export function invalidateEndpoint(endpointId: string): void {
  const caches = gatewayCaches();
  caches.endpoints.delete(endpointId);
  for (const [hash, entry] of caches.keys) if (entry.value?.endpointId === endpointId) caches.keys.delete(hash);
}

/** Interactive requests this process is serving for the endpoint right now. */
export function interactiveInFlight(endpointId: string): number {
  return gatewayCaches().inFlight.get(endpointId) ?? 0;
}

/** Counts one interactive request until the returned function is called (once). */
export function trackInteractive(endpointId: string): () => void {
  const inFlight = gatewayCaches().inFlight;
  inFlight.set(endpointId, (inFlight.get(endpointId) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const left = (inFlight.get(endpointId) ?? 1) - 1;
    if (left <= 0) inFlight.delete(endpointId);
    else inFlight.set(endpointId, left);
  };
}
