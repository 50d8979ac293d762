import "server-only";
import { and, asc, eq, gte } from "drizzle-orm";
import { endpointMetrics } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import {
  EndpointMetricsQuery,
  histogramQuantile,
  mergeHistograms,
  METRICS_RANGES,
  type EndpointMetrics,
  type MetricsPoint,
} from "@/lib/domain/endpoints";
import { AdapterName } from "@/lib/domain/adapters/adapters-api";
import { splitAdapterModel } from "@/lib/domain/adapters/adapter-capacity";
import { AppError } from "@/lib/domain/errors";
import type { z } from "zod";
import { orgContext } from "../access/org-context";
import { loadEndpoint } from "./records";

// Time series for the endpoint page's charts, from the gateway's per-minute roll-ups: minutes
// are merged into the range's buckets (histograms merge exactly, so percentiles stay honest).
// The gateway meters each served model (the base model, each LoRA adapter) on its own row, so a
// chart can show one of them; replicas belong to the endpoint and are shown whichever is picked.

const round = (n: number | null, digits = 1) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

/** The metrics row's adapter name ("" = base) for `model`, which must be one this endpoint can serve. */
function adapterNameOf(model: string, baseModelId: string): string {
  const { baseModelId: base, adapterName } = splitAdapterModel(model);
  if (base !== baseModelId || (adapterName !== null && !AdapterName.safeParse(adapterName).success)) {
    throw new AppError("validation_failed", `this endpoint serves ${baseModelId} and its adapters (${baseModelId}:<adapter>)`, { field: "model" });
  }
  return adapterName ?? "";
}

export async function getEndpointMetrics(principal: Principal, slug: string, endpointId: string, raw: z.input<typeof EndpointMetricsQuery> = {}, now = Date.now()): Promise<EndpointMetrics> {
  const { range, model } = EndpointMetricsQuery.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  const endpoint = await loadEndpoint(db, orgId, endpointId, { includeDeleted: true });
  const picked = model === undefined ? null : adapterNameOf(model, endpoint.modelId);
  const modelOf = (adapterName: string) => (adapterName === "" ? endpoint.modelId : `${endpoint.modelId}:${adapterName}`);
  const { seconds, bucketSeconds } = METRICS_RANGES[range];
  const bucketMs = bucketSeconds * 1000;
  const toMs = Math.floor(now / bucketMs) * bucketMs + bucketMs;
  const fromMs = toMs - seconds * 1000;
  const rows = await db
    .select()
    .from(endpointMetrics)
    .where(and(eq(endpointMetrics.orgId, orgId), eq(endpointMetrics.endpointId, endpointId), gte(endpointMetrics.minute, new Date(fromMs))))
    .orderBy(asc(endpointMetrics.minute));

  interface Acc {
    requests: number;
    errors: number;
    inputTokens: number;
    outputTokens: number;
    latency: number[];
    ttft: number[];
    coldStarts: number;
    replicas: number | null;
  }
  const empty = (): Acc => ({ requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, latency: [], ttft: [], coldStarts: 0, replicas: null });
  const buckets = new Map<number, Acc>();
  const total = empty();
  let maxColdStartMs: number | null = null;
  const served = new Set<string>();
  for (const row of rows) {
    const start = Math.floor(row.minute.getTime() / bucketMs) * bucketMs;
    const acc = buckets.get(start) ?? empty();
    buckets.set(start, acc);
    if (row.replicas !== null) acc.replicas = Math.max(acc.replicas ?? 0, row.replicas);
    if (row.requests > 0) served.add(row.adapterName);
    if (picked !== null && row.adapterName !== picked) continue;
    for (const target of [acc, total]) {
      target.requests += row.requests;
      target.errors += row.errors;
      target.inputTokens += Number(row.inputTokens);
      target.outputTokens += Number(row.outputTokens);
      mergeHistograms(target.latency, row.latencyHist);
      mergeHistograms(target.ttft, row.ttftHist);
      target.coldStarts += row.coldStarts;
    }
    if (row.maxColdStartMs !== null) maxColdStartMs = Math.max(maxColdStartMs ?? 0, row.maxColdStartMs);
  }

  const points: MetricsPoint[] = [];
  for (let start = fromMs; start < toMs; start += bucketMs) {
    const acc = buckets.get(start) ?? empty();
    // The current bucket has only run for part of its length.
    const elapsed = Math.max(1, Math.min(bucketSeconds, (now - start) / 1000));
    points.push({
      t: new Date(start).toISOString(),
      requests: acc.requests,
      errors: acc.errors,
      requestsPerSecond: round(acc.requests / elapsed, 3) ?? 0,
      inputTokens: acc.inputTokens,
      outputTokens: acc.outputTokens,
      tokensPerSecond: round(acc.outputTokens / elapsed, 2) ?? 0,
      p50LatencyMs: round(histogramQuantile(acc.latency, 0.5)),
      p95LatencyMs: round(histogramQuantile(acc.latency, 0.95)),
      p50TtftMs: round(histogramQuantile(acc.ttft, 0.5)),
      p95TtftMs: round(histogramQuantile(acc.ttft, 0.95)),
      coldStarts: acc.coldStarts,
      replicas: acc.replicas,
    });
  }
  return {
    range,
    model: picked === null ? null : modelOf(picked),
    // "" sorts first: the base model, then the adapters by name.
    models: [...served].sort().map(modelOf),
    bucketSeconds,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    points,
    totals: {
      requests: total.requests,
      errors: total.errors,
      inputTokens: total.inputTokens,
      outputTokens: total.outputTokens,
      coldStarts: total.coldStarts,
      maxColdStartMs,
      p50LatencyMs: round(histogramQuantile(total.latency, 0.5)),
      p95LatencyMs: round(histogramQuantile(total.latency, 0.95)),
      p50TtftMs: round(histogramQuantile(total.ttft, 0.5)),
      p95TtftMs: round(histogramQuantile(total.ttft, 0.95)),
    },
  };
}
