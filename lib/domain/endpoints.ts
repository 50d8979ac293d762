import { z } from "zod";
import { OrderCostAllocation } from "./cost-centers";
import { findModel, MODELS, type InferenceModel } from "./catalog/models";
import { findShape, HOURS_PER_MONTH } from "./catalog/shapes";
import { findZone } from "./catalog/regions";
import { ApprovalRequestInput } from "./approvals";
import { changeBesidesApproval, Money, Timestamp, yen } from "./common";
import { DEFAULT_AUTOSCALING, EndpointAutoscaling, EndpointAutoscalingPatch } from "./control-plane";
import { ConsoleOperation } from "./operations";
import { EndpointStatus as ENDPOINT_STATUSES } from "./endpoints-status";
import { KeyUsageTotals } from "./endpoint-key-usage";
import { resourceListFields } from "./resource-list";

// Inference endpoints as the console's API speaks of them (api.md): the customer's order, its
// long-running operations, its API keys, its metrics, and the model catalog with prices.

/** A Kubernetes-style DNS label: it prefixes replica host names in the fleet. */
export const EndpointName = z
  .string()
  .trim()
  .regex(/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/, "lowercase letters, digits and '-', 1–40 characters, starting with a letter");

export const EndpointStatus = z.enum(ENDPOINT_STATUSES);
export type EndpointStatus = z.infer<typeof EndpointStatus>;

export const AutoscalingInput = EndpointAutoscaling;

const replicaBounds = (e: { minReplicas?: number; maxReplicas?: number }) =>
  e.minReplicas === undefined || e.maxReplicas === undefined || e.minReplicas <= e.maxReplicas;

export const CreateEndpointInput = z
  .object({
    name: EndpointName,
    modelId: z.string().min(1).max(80),
    shapeId: z.string().min(1).max(40),
    zoneId: z.string().min(1).max(40),
    /** 0 = scale to zero: nothing is held while idle; the first request waits for a cold start. */
    minReplicas: z.number().int().min(0).max(64),
    maxReplicas: z.number().int().min(1).max(64),
    autoscaling: EndpointAutoscaling.default(DEFAULT_AUTOSCALING),
    /** Who pays (部門・プロジェクト) and the 発注番号; required when the org's policy says so. */
    ...OrderCostAllocation.shape,
    /** 件名・目的 for a 稟議, required when an approval rule applies to this order. */
    approval: ApprovalRequestInput.optional(),
  })
  .refine(replicaBounds, { message: "minReplicas must not exceed maxReplicas", path: ["minReplicas"] });
export type CreateEndpointInput = z.infer<typeof CreateEndpointInput>;
export type CreateEndpointInputRaw = z.input<typeof CreateEndpointInput>;

/** What the form knows so far: every field may still be missing. */
export const EndpointPreflightInput = z.object({
  name: z.string().max(80).optional(),
  modelId: z.string().max(80).optional(),
  shapeId: z.string().max(40).optional(),
  zoneId: z.string().max(40).optional(),
  minReplicas: z.number().int().min(0).max(64).optional(),
  maxReplicas: z.number().int().min(1).max(64).optional(),
});
export type EndpointPreflightInput = z.infer<typeof EndpointPreflightInput>;

export const UpdateEndpointInput = z
  .object({
    minReplicas: z.number().int().min(0).max(64).optional(),
    maxReplicas: z.number().int().min(1).max(64).optional(),
    /** The fields given replace the endpoint's current ones; the rest stay as they are. */
    autoscaling: EndpointAutoscalingPatch.optional(),
    /** 件名・目的 for a 稟議, required when an approval rule applies to this scale-up. */
    approval: ApprovalRequestInput.optional(),
  })
  .refine(...changeBesidesApproval)
  .refine(replicaBounds, { message: "minReplicas must not exceed maxReplicas", path: ["minReplicas"] });
export type UpdateEndpointInput = z.infer<typeof UpdateEndpointInput>;
export type UpdateEndpointInputRaw = z.input<typeof UpdateEndpointInput>;

export const EndpointView = z.object({
  id: z.string(),
  name: z.string(),
  modelId: z.string(),
  shapeId: z.string(),
  regionId: z.string(),
  zoneId: z.string(),
  minReplicas: z.number().int(),
  maxReplicas: z.number().int(),
  autoscaling: EndpointAutoscaling,
  status: EndpointStatus,
  failureReason: z.string().nullable(),
  replicas: z.object({ current: z.number().int(), ready: z.number().int() }),
  /** Nominal cold start of a replica of this model (seconds), shown for scale to zero. */
  coldStartSeconds: z.number().nonnegative(),
  /** The "model" answers with deterministic text (the embedded simulator). */
  simulated: z.boolean(),
  /** OpenAI-compatible base URL, a path on the console's own origin. */
  basePath: z.string(),
  price: z.object({ perHourAtMin: Money, perHourAtMax: Money, perHourNow: Money }),
  /** The change in flight (or one that ended within the last minute): the one public Operation. */
  operation: ConsoleOperation.nullable(),
  lastRequestAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type EndpointView = z.infer<typeof EndpointView>;

export const EndpointListQuery = z.object({
  ...resourceListFields,
  status: EndpointStatus.optional(),
  modelId: z.string().max(80).optional(),
});
export type EndpointListQuery = z.input<typeof EndpointListQuery>;

// ---------------------------------------------------------------- keys

/** Endpoint API keys start with this, so a leaked one is recognisable (and scannable). */
export const ENDPOINT_KEY_PREFIX = "hki_";

export const CreateEndpointKeyInput = z.object({ name: z.string().trim().min(1).max(80) });
export type CreateEndpointKeyInput = z.infer<typeof CreateEndpointKeyInput>;

export const EndpointKey = z.object({
  id: z.string(),
  endpointId: z.string(),
  name: z.string(),
  prefix: z.string().describe("the first characters of the secret, to recognise it"),
  createdBy: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  monthlyTokenBudget: z.number().int().nullable().describe("input + output tokens per JST month; the gateway answers 429 `insufficient_quota` once spent (null: no limit)"),
  monthToDate: KeyUsageTotals.describe("this JST month so far (written by the gateway's metering every few seconds)"),
});
export type EndpointKey = z.infer<typeof EndpointKey>;

export const CreatedEndpointKey = EndpointKey.extend({ secret: z.string().describe("shown once; store it now") });
export type CreatedEndpointKey = z.infer<typeof CreatedEndpointKey>;

// ---------------------------------------------------------------- playground

export const PlaygroundInput = z.object({
  messages: z.array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string().min(1).max(20_000) })).min(1).max(64),
  max_tokens: z.number().int().min(1).max(4096).optional(),
  temperature: z.number().min(0).max(2).optional(),
  /** A LoRA adapter the endpoint serves, by name; without it the base model answers. */
  adapter: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
});
export type PlaygroundInput = z.infer<typeof PlaygroundInput>;

// ---------------------------------------------------------------- metrics

export const MetricsRange = z.enum(["hour", "day", "week"]);
export type MetricsRange = z.infer<typeof MetricsRange>;

export const METRICS_RANGES: Record<MetricsRange, { seconds: number; bucketSeconds: number }> = {
  hour: { seconds: 3600, bucketSeconds: 60 },
  day: { seconds: 86_400, bucketSeconds: 15 * 60 },
  week: { seconds: 7 * 86_400, bucketSeconds: 3600 },
};

export const EndpointMetricsQuery = z.object({
  range: MetricsRange.default("hour"),
  model: z
    .string()
    .max(200)
    .optional()
    .describe("Only the traffic of one served model, as clients name it: the base model id, or `<base>:<adapter>` for a LoRA adapter. Absent: the whole endpoint"),
});

export const MetricsPoint = z.object({
  t: Timestamp.describe("start of the bucket"),
  requests: z.number().int(),
  errors: z.number().int(),
  requestsPerSecond: z.number(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  tokensPerSecond: z.number().describe("output tokens per second"),
  p50LatencyMs: z.number().nullable(),
  p95LatencyMs: z.number().nullable(),
  p50TtftMs: z.number().nullable(),
  p95TtftMs: z.number().nullable(),
  coldStarts: z.number().int(),
  replicas: z.number().int().nullable(),
});
export type MetricsPoint = z.infer<typeof MetricsPoint>;

export const EndpointMetrics = z.object({
  range: MetricsRange,
  model: z.string().nullable().describe("the served model these figures are for; null = the whole endpoint"),
  models: z.array(z.string()).describe("the served models (base first, then adapters by name) with traffic in the range, to pick from"),
  bucketSeconds: z.number().int(),
  from: Timestamp,
  to: Timestamp,
  points: z.array(MetricsPoint),
  totals: z.object({
    requests: z.number().int(),
    errors: z.number().int(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    coldStarts: z.number().int(),
    maxColdStartMs: z.number().nullable(),
    p50LatencyMs: z.number().nullable(),
    p95LatencyMs: z.number().nullable(),
    p50TtftMs: z.number().nullable(),
    p95TtftMs: z.number().nullable(),
  }),
});
export type EndpointMetrics = z.infer<typeof EndpointMetrics>;

/**
 * Latency histogram buckets (upper bounds, ms): log-spaced, so merging minutes into hours keeps
 * percentiles within one bucket's width (~19 %) of the truth without storing every request.
 */
export const LATENCY_BOUNDS_MS: readonly number[] = (() => {
  const bounds: number[] = [];
  for (let v = 1; v < 600_000; v *= 1.19) bounds.push(Math.round(v * 10) / 10);
  return bounds;
})();

export function latencyBucket(ms: number): number {
  let lo = 0;
  let hi = LATENCY_BOUNDS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (LATENCY_BOUNDS_MS[mid] < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo; // LATENCY_BOUNDS_MS.length = overflow
}

/** The q-quantile (0..1) of a histogram, as its bucket's upper bound; null when empty. */
export function histogramQuantile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i] ?? 0;
    if (seen >= rank) return LATENCY_BOUNDS_MS[Math.min(i, LATENCY_BOUNDS_MS.length - 1)];
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
}

export function mergeHistograms(into: number[], from: readonly number[] | null | undefined): number[] {
  if (!from) return into;
  for (let i = 0; i < from.length; i++) into[i] = (into[i] ?? 0) + (from[i] ?? 0);
  return into;
}

// ---------------------------------------------------------------- catalog and price

export const ShapeFit = z.object({
  shapeId: z.string(),
  gpuModel: z.string().nullable(),
  gpuCount: z.number().int(),
  tensorParallel: z.number().int().nullable(),
  pricePerHour: Money,
  pricePerMonth: Money.describe("730 hours of one replica"),
});
export type ShapeFit = z.infer<typeof ShapeFit>;

export const ModelCatalogEntry = z.object({
  id: z.string(),
  displayName: z.string(),
  publisherJa: z.string(),
  publisherEn: z.string(),
  parametersB: z.number(),
  mixtureOfExperts: z.boolean(),
  minGpuMemoryGb: z.number(),
  quantization: z.string().nullable(),
  contextLength: z.number().int(),
  license: z.string(),
  coldStartSeconds: z.number(),
  fits: z.array(ShapeFit),
});
export type ModelCatalogEntry = z.infer<typeof ModelCatalogEntry>;

export function shapeFitsOf(model: InferenceModel): ShapeFit[] {
  return model.shapeIds.flatMap((shapeId) => {
    const shape = findShape(shapeId);
    if (!shape) return [];
    return [
      {
        shapeId,
        gpuModel: shape.gpuModel,
        gpuCount: shape.gpuCount,
        tensorParallel: model.tensorParallel?.[shapeId] ?? null,
        pricePerHour: yen(shape.pricePerHourJpy),
        pricePerMonth: yen(shape.pricePerHourJpy * HOURS_PER_MONTH),
      },
    ];
  });
}

export function modelCatalog(): ModelCatalogEntry[] {
  return MODELS.map((m) => ({
    id: m.id,
    displayName: m.displayName,
    publisherJa: m.publisherJa,
    publisherEn: m.publisherEn,
    parametersB: m.parametersB,
    mixtureOfExperts: m.mixtureOfExperts,
    minGpuMemoryGb: m.minGpuMemoryGb,
    quantization: m.quantization,
    contextLength: m.contextLength,
    license: m.license,
    coldStartSeconds: m.coldStartSeconds,
    fits: shapeFitsOf(m),
  }));
}

/** List price per hour of `replicas` replicas of a shape (integer yen: shape prices are whole yen). */
export function endpointPricePerHourJpy(shapeId: string, replicas: number): number {
  return (findShape(shapeId)?.pricePerHourJpy ?? 0) * replicas;
}

/** GPUs an endpoint holds with `replicas` replicas (what quotas count). */
export function endpointGpus(shapeId: string, replicas: number): number {
  return (findShape(shapeId)?.gpuCount ?? 0) * replicas;
}

export function endpointBasePath(endpointId: string): string {
  return `/inference/${endpointId}/v1`;
}

// ---------------------------------------------------------------- preflight

export const PreflightProblem = z.object({
  field: z.string(),
  code: z.enum(["model_unknown", "shape_unfit", "zone_unknown", "residency_violation", "quota_exceeded", "capacity_unavailable", "name_taken", "name_invalid", "replicas_invalid"]),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type PreflightProblem = z.infer<typeof PreflightProblem>;

export const EndpointPreflight = z.object({
  /** Shapes that can serve the chosen model (all shapes of the catalog's fits), with prices. */
  shapes: z.array(ShapeFit),
  /** Zones the org's residency policy allows. */
  allowedZoneIds: z.array(z.string()),
  quota: z
    .object({ regionId: z.string(), gpuModel: z.string(), limit: z.number().int(), inUse: z.number().int(), requestedAtMin: z.number().int(), requestedAtMax: z.number().int() })
    .nullable(),
  capacity: z
    .object({
      available: z.number().int(),
      level: z.enum(["available", "limited", "sold_out"]),
      availableIn: z.array(z.object({ zoneId: z.string(), available: z.number().int() })),
    })
    .nullable(),
  price: z
    .object({
      perHourAtMin: Money,
      perHourAtMax: Money,
      perMonthAtMin: Money,
      perMonthAtMax: Money,
      /** The org's own prices when its contract discounts this shape (null: it pays list prices). */
      contract: z
        .object({
          discountPercent: z.number(),
          perHourAtMinJpy: z.number().describe("yen per hour under the contract; may have decimals"),
          perHourAtMaxJpy: z.number(),
          perMonthAtMinJpy: z.number().int(),
          perMonthAtMaxJpy: z.number().int(),
        })
        .nullable(),
    })
    .nullable(),
  /** Expected wait of the first request after idling, when minReplicas is 0. */
  coldStartSeconds: z.number().nullable(),
  problems: z.array(PreflightProblem),
  /** Scale-ups beyond this many replicas would exceed the quota (autoscaling stops there). */
  maxReplicasWithinQuota: z.number().int().nullable(),
});
export type EndpointPreflight = z.infer<typeof EndpointPreflight>;

export function zoneRegion(zoneId: string): string | undefined {
  return findZone(zoneId)?.regionId;
}

export { findModel };
