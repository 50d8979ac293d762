import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { endpointAdapterUsage, endpointKeys, endpointKeyUsage, endpointMetrics, endpoints } from "@/lib/db/schema";
import { jstDateOf } from "@/lib/domain/billing/jst";
import { latencyBucket } from "@/lib/domain/endpoints";

// The gateway's metering: every request is added to an in-memory roll-up per endpoint and
// minute, and a background task writes the roll-ups in one batch every couple of seconds. The
// hot path never writes to the database. A crash loses at most one flush interval of metrics
// (billing does not depend on them: replica-seconds and tokens are metered by the control plane).
//
// One buffer per process on globalThis: the playground (a Next route handler) and the gateway
// (the custom server) record into the same buffer, and the server's task flushes it.

export interface RequestSample {
  endpointId: string;
  orgId: string;
  keyId: string | null;
  /** The LoRA adapter that answered (issue 22 §1); null or absent for the base model. */
  adapter?: string | null;
  ok: boolean;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  ttftMs: number | null;
  /** Set when this request woke a scaled-to-zero endpoint: how long it waited for a replica. */
  coldStartMs: number | null;
  atMs: number;
}

/** One endpoint's traffic to one served model ("" = the base model, else the adapter's name) in one minute. */
interface Rollup {
  endpointId: string;
  orgId: string;
  adapterName: string;
  minuteMs: number;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  latencyHist: number[];
  ttftHist: number[];
  coldStarts: number;
  maxColdStartMs: number | null;
  replicas: number | null;
}

/** Usage of one endpoint key on one JST day (the chargeback record). */
interface KeyDay {
  keyId: string;
  day: string;
  orgId: string;
  endpointId: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

/** Usage of one adapter ("" = the base model) of an endpoint on one JST day. */
interface AdapterDay {
  orgId: string;
  endpointId: string;
  adapterName: string;
  day: string;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
}

interface State {
  rollups: Map<string, Rollup>;
  adapterDays: Map<string, AdapterDay>;
  keyDays: Map<string, KeyDay>;
  /** Tokens per `key|JST month` this process has written to the database since it started (the budget check's count of what it read). */
  flushedKeyTokens: Map<string, number>;
  /** Tokens per `key|JST month` recorded and not yet written (the sums of keyDays, kept for an O(1) budget check). */
  pendingKeyTokens: Map<string, number>;
  /** Tokens per `key|JST month` being written right now. */
  flushingKeyTokens: Map<string, number>;
  keysUsed: Map<string, number>;
  endpointsUsed: Map<string, number>;
  flushing: Promise<void> | null;
}

function state(): State {
  return processSingleton("endpoints.meteringBuffer", (): State => ({ rollups: new Map(), adapterDays: new Map(), keyDays: new Map(), pendingKeyTokens: new Map(), flushedKeyTokens: new Map(), flushingKeyTokens: new Map(), keysUsed: new Map(), endpointsUsed: new Map(), flushing: null }));
}

const minuteOf = (ms: number) => Math.floor(ms / 60_000) * 60_000;

function rollupFor(endpointId: string, orgId: string, adapterName: string, atMs: number): Rollup {
  const s = state();
  const minuteMs = minuteOf(atMs);
  const key = `${endpointId}|${adapterName}|${minuteMs}`;
  let r = s.rollups.get(key);
  if (!r) {
    r = { endpointId, orgId, adapterName, minuteMs, requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, latencyHist: [], ttftHist: [], coldStarts: 0, maxColdStartMs: null, replicas: null };
    s.rollups.set(key, r);
  }
  return r;
}

const keyMonth = (keyId: string, day: string) => `${keyId}|${day.slice(0, 7)}`;

function addKeyDay(into: Map<string, KeyDay>, usage: KeyDay): void {
  const pending = state().pendingKeyTokens;
  const month = keyMonth(usage.keyId, usage.day);
  pending.set(month, (pending.get(month) ?? 0) + usage.inputTokens + usage.outputTokens);
  const id = `${usage.keyId}|${usage.day}`;
  const row = into.get(id);
  if (!row) {
    into.set(id, { ...usage });
    return;
  }
  row.requests += usage.requests;
  row.inputTokens += usage.inputTokens;
  row.outputTokens += usage.outputTokens;
}

function addAdapterDay(into: Map<string, AdapterDay>, usage: AdapterDay): void {
  const id = `${usage.endpointId}|${usage.adapterName}|${usage.day}`;
  const row = into.get(id);
  if (!row) {
    into.set(id, { ...usage });
    return;
  }
  row.requests += usage.requests;
  row.errors += usage.errors;
  row.inputTokens += usage.inputTokens;
  row.outputTokens += usage.outputTokens;
}

function sumTokensByKeyMonth(keyDays: Iterable<KeyDay>): Map<string, number> {
  const sums = new Map<string, number>();
  for (const u of keyDays) sums.set(keyMonth(u.keyId, u.day), (sums.get(keyMonth(u.keyId, u.day)) ?? 0) + u.inputTokens + u.outputTokens);
  return sums;
}

/**
 * Tokens of a key in a JST month that this process has recorded but not yet written (including a
 * write in flight), and the running count of what it has written since it started. The budget
 * check adds both to the month's total it last read from the database.
 */
export function keyTokensInProcess(keyId: string, month: string): { pending: number; flushed: number } {
  const s = state();
  const pending = (s.flushingKeyTokens.get(`${keyId}|${month}`) ?? 0) + (s.pendingKeyTokens.get(`${keyId}|${month}`) ?? 0);
  return { pending, flushed: s.flushedKeyTokens.get(`${keyId}|${month}`) ?? 0 };
}

function bump(hist: number[], ms: number) {
  const i = latencyBucket(ms);
  while (hist.length <= i) hist.push(0);
  hist[i]++;
}

export function recordRequest(sample: RequestSample): void {
  const r = rollupFor(sample.endpointId, sample.orgId, sample.adapter ?? "", sample.atMs);
  r.requests++;
  if (!sample.ok) r.errors++;
  r.inputTokens += sample.inputTokens;
  r.outputTokens += sample.outputTokens;
  bump(r.latencyHist, sample.latencyMs);
  if (sample.ttftMs !== null) bump(r.ttftHist, sample.ttftMs);
  if (sample.coldStartMs !== null) {
    r.coldStarts++;
    r.maxColdStartMs = Math.max(r.maxColdStartMs ?? 0, Math.round(sample.coldStartMs));
  }
  const s = state();
  addAdapterDay(s.adapterDays, { orgId: sample.orgId, endpointId: sample.endpointId, adapterName: sample.adapter ?? "", day: jstDateOf(sample.atMs), requests: 1, errors: sample.ok ? 0 : 1, inputTokens: sample.inputTokens, outputTokens: sample.outputTokens });
  if (sample.keyId) {
    addKeyDay(s.keyDays, { keyId: sample.keyId, day: jstDateOf(sample.atMs), orgId: sample.orgId, endpointId: sample.endpointId, requests: 1, inputTokens: sample.inputTokens, outputTokens: sample.outputTokens });
  }
  if (sample.keyId) s.keysUsed.set(sample.keyId, Math.max(s.keysUsed.get(sample.keyId) ?? 0, sample.atMs));
  s.endpointsUsed.set(sample.endpointId, Math.max(s.endpointsUsed.get(sample.endpointId) ?? 0, sample.atMs));
}

/** Replicas held right now (the sync task's view), for the replicas-over-time chart: the endpoint's, kept on the base model's row. */
export function recordReplicas(endpointId: string, orgId: string, replicas: number, atMs = Date.now()): void {
  rollupFor(endpointId, orgId, "", atMs).replicas = replicas;
}

export function pendingSamples(): number {
  let n = 0;
  for (const r of state().rollups.values()) n += r.requests;
  return n;
}

const mergeJsonArrays = (column: string) =>
  sql.raw(
    `(select coalesce(jsonb_agg(coalesce((a.v)::int, 0) + coalesce((b.v)::int, 0) order by coalesce(a.i, b.i)), '[]'::jsonb)
      from jsonb_array_elements(endpoint_metrics.${column}) with ordinality as a(v, i)
      full join jsonb_array_elements(excluded.${column}) with ordinality as b(v, i) on a.i = b.i)`,
  );

async function writeBatch(db: Db, rollups: Rollup[], adapterDays: AdapterDay[], keyDays: KeyDay[], keysUsed: Array<[string, number]>, endpointsUsed: Array<[string, number]>) {
  await db.transaction(async (tx) => {
    for (const r of rollups) {
      await tx
        .insert(endpointMetrics)
        .values({
          endpointId: r.endpointId,
          orgId: r.orgId,
          adapterName: r.adapterName,
          minute: new Date(r.minuteMs),
          requests: r.requests,
          errors: r.errors,
          inputTokens: r.inputTokens,
          outputTokens: r.outputTokens,
          latencyHist: r.latencyHist,
          ttftHist: r.ttftHist,
          coldStarts: r.coldStarts,
          maxColdStartMs: r.maxColdStartMs,
          replicas: r.replicas,
        })
        .onConflictDoUpdate({
          target: [endpointMetrics.endpointId, endpointMetrics.adapterName, endpointMetrics.minute],
          set: {
            requests: sql`${endpointMetrics.requests} + excluded.requests`,
            errors: sql`${endpointMetrics.errors} + excluded.errors`,
            inputTokens: sql`${endpointMetrics.inputTokens} + excluded.input_tokens`,
            outputTokens: sql`${endpointMetrics.outputTokens} + excluded.output_tokens`,
            latencyHist: mergeJsonArrays("latency_hist"),
            ttftHist: mergeJsonArrays("ttft_hist"),
            coldStarts: sql`${endpointMetrics.coldStarts} + excluded.cold_starts`,
            maxColdStartMs: sql`greatest(${endpointMetrics.maxColdStartMs}, excluded.max_cold_start_ms)`,
            replicas: sql`coalesce(excluded.replicas, ${endpointMetrics.replicas})`,
          },
        });
    }
    for (const u of adapterDays) {
      await tx
        .insert(endpointAdapterUsage)
        .values(u)
        .onConflictDoUpdate({
          target: [endpointAdapterUsage.endpointId, endpointAdapterUsage.adapterName, endpointAdapterUsage.day],
          set: {
            requests: sql`${endpointAdapterUsage.requests} + excluded.requests`,
            errors: sql`${endpointAdapterUsage.errors} + excluded.errors`,
            inputTokens: sql`${endpointAdapterUsage.inputTokens} + excluded.input_tokens`,
            outputTokens: sql`${endpointAdapterUsage.outputTokens} + excluded.output_tokens`,
          },
        });
    }
    for (const u of keyDays) {
      await tx
        .insert(endpointKeyUsage)
        .values(u)
        .onConflictDoUpdate({
          target: [endpointKeyUsage.keyId, endpointKeyUsage.day],
          set: {
            requests: sql`${endpointKeyUsage.requests} + excluded.requests`,
            inputTokens: sql`${endpointKeyUsage.inputTokens} + excluded.input_tokens`,
            outputTokens: sql`${endpointKeyUsage.outputTokens} + excluded.output_tokens`,
          },
        });
    }
    for (const [keyId, atMs] of keysUsed) {
      const at = new Date(atMs).toISOString();
      await tx.execute(sql`update ${endpointKeys} set last_used_at = greatest(coalesce(last_used_at, ${at}::timestamptz), ${at}::timestamptz) where id = ${keyId}`);
    }
    for (const [endpointId, atMs] of endpointsUsed) {
      const at = new Date(atMs).toISOString();
      await tx.execute(sql`update ${endpoints} set last_request_at = greatest(coalesce(last_request_at, ${at}::timestamptz), ${at}::timestamptz) where id = ${endpointId}`);
    }
  });
}

/** Writes everything recorded so far in one transaction; on failure it stays for the next try. */
export async function flushMetering(db: Db): Promise<number> {
  const s = state();
  if (s.flushing) await s.flushing.catch(() => undefined);
  if (s.rollups.size === 0 && s.keysUsed.size === 0 && s.keyDays.size === 0) return 0;
  const rollups = [...s.rollups.values()];
  const keyDays = [...s.keyDays.values()];
  const adapterDays = [...s.adapterDays.values()];
  const keyTokens = sumTokensByKeyMonth(keyDays);
  const keysUsed = [...s.keysUsed.entries()];
  const endpointsUsed = [...s.endpointsUsed.entries()];
  s.rollups = new Map();
  s.keyDays = new Map();
  s.adapterDays = new Map();
  s.pendingKeyTokens = new Map();
  s.flushingKeyTokens = keyTokens;
  s.keysUsed = new Map();
  s.endpointsUsed = new Map();
  const run = writeBatch(db, rollups, adapterDays, keyDays, keysUsed, endpointsUsed);
  s.flushing = run;
  try {
    await run;
    for (const [k, tokens] of keyTokens) s.flushedKeyTokens.set(k, (s.flushedKeyTokens.get(k) ?? 0) + tokens);
    return rollups.reduce((n, r) => n + r.requests, 0);
  } catch (error) {
    // Put it back (merged with whatever arrived meanwhile).
    for (const r of rollups) {
      const into = rollupFor(r.endpointId, r.orgId, r.adapterName, r.minuteMs);
      into.requests += r.requests;
      into.errors += r.errors;
      into.inputTokens += r.inputTokens;
      into.outputTokens += r.outputTokens;
      r.latencyHist.forEach((c, i) => { while (into.latencyHist.length <= i) into.latencyHist.push(0); into.latencyHist[i] += c; });
      r.ttftHist.forEach((c, i) => { while (into.ttftHist.length <= i) into.ttftHist.push(0); into.ttftHist[i] += c; });
      into.coldStarts += r.coldStarts;
      into.maxColdStartMs = r.maxColdStartMs === null ? into.maxColdStartMs : Math.max(into.maxColdStartMs ?? 0, r.maxColdStartMs);
      into.replicas ??= r.replicas;
    }
    for (const u of keyDays) addKeyDay(s.keyDays, u);
    for (const u of adapterDays) addAdapterDay(s.adapterDays, u);
    for (const [k, v] of keysUsed) s.keysUsed.set(k, Math.max(s.keysUsed.get(k) ?? 0, v));
    for (const [k, v] of endpointsUsed) s.endpointsUsed.set(k, Math.max(s.endpointsUsed.get(k) ?? 0, v));
    throw error;
  } finally {
    s.flushing = null;
    s.flushingKeyTokens = new Map();
  }
}
