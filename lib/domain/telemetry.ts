import { z } from "zod";

// GPU telemetry (issue 19): per-GPU samples with the DCGM exporter's field names and meanings, the
// health events of the fleet (faults, cordons, replacements), and what the console derives from
// them (charts, idle findings, availability). Field names follow NVIDIA's dcgm-exporter so a
// customer's Prometheus rules written for it work on Hinoki's feed unchanged.

const Timestamp = z.iso.datetime({ offset: true });

/** One sample window, in seconds: dcgm-exporter's default collection interval. */
export const SAMPLE_WINDOW_SECONDS = 30;

/** The DCGM fields every sample carries (units as dcgm-exporter reports them). */
export const DCGM_FIELDS = {
  DCGM_FI_DEV_GPU_UTIL: { type: "gauge", help: "GPU utilization (in %)." },
  DCGM_FI_PROF_GR_ENGINE_ACTIVE: { type: "gauge", help: "Ratio of time the graphics engine is active." },
  DCGM_FI_DEV_FB_USED: { type: "gauge", help: "Framebuffer memory used (in MiB)." },
  DCGM_FI_DEV_FB_FREE: { type: "gauge", help: "Framebuffer memory free (in MiB)." },
  DCGM_FI_DEV_POWER_USAGE: { type: "gauge", help: "Power draw (in W)." },
  DCGM_FI_DEV_GPU_TEMP: { type: "gauge", help: "GPU temperature (in C)." },
  DCGM_FI_DEV_XID_ERRORS: { type: "gauge", help: "Value of the last XID error encountered." },
  DCGM_FI_DEV_ECC_SBE_VOL_TOTAL: { type: "counter", help: "Total number of single-bit volatile ECC errors." },
  DCGM_FI_DEV_ECC_DBE_VOL_TOTAL: { type: "counter", help: "Total number of double-bit volatile ECC errors." },
} as const;
export type DcgmField = keyof typeof DCGM_FIELDS;

export const DcgmValues = z.object({
  DCGM_FI_DEV_GPU_UTIL: z.number().min(0).max(100),
  DCGM_FI_PROF_GR_ENGINE_ACTIVE: z.number().min(0).max(1),
  DCGM_FI_DEV_FB_USED: z.number().int().min(0),
  DCGM_FI_DEV_FB_FREE: z.number().int().min(0),
  DCGM_FI_DEV_POWER_USAGE: z.number().min(0),
  DCGM_FI_DEV_GPU_TEMP: z.number(),
  DCGM_FI_DEV_XID_ERRORS: z.number().int().min(0),
  DCGM_FI_DEV_ECC_SBE_VOL_TOTAL: z.number().int().min(0),
  DCGM_FI_DEV_ECC_DBE_VOL_TOTAL: z.number().int().min(0),
});
export type DcgmValues = z.infer<typeof DcgmValues>;

/** One GPU over one sample window, labelled as dcgm-exporter labels it (node, GPU index, UUID). */
export const GpuSample = z.object({
  windowStart: Timestamp,
  tenantId: z.string().min(1),
  resourceId: z.string().min(1),
  resourceKind: z.enum(["cluster", "endpoint"]),
  nodeId: z.string().min(1),
  poolId: z.string().nullable(),
  shapeId: z.string().min(1),
  /** GPUs the node holds (the idle finding prices whole nodes). */
  nodeGpuCount: z.number().int().positive(),
  hostname: z.string().min(1),
  gpuIndex: z.number().int().min(0),
  uuid: z.string().min(1),
  modelName: z.string().min(1),
  values: DcgmValues,
});
export type GpuSample = z.infer<typeof GpuSample>;

export const TelemetryPage = z.object({
  samples: z.array(GpuSample),
  /** Pass back for the windows after these; unchanged when no new window has closed. */
  nextCursor: z.string(),
});
export type TelemetryPage = z.infer<typeof TelemetryPage>;

// ------------------------------------------------------------------ health

export const HARDWARE_FAULTS = ["xid79", "ecc_dbe", "thermal"] as const;
export const HardwareFault = z.enum(HARDWARE_FAULTS);
export type HardwareFault = z.infer<typeof HardwareFault>;

export const HEALTH_EVENT_KINDS = ["fault_detected", "node_cordoned", "replacement_started", "node_replaced", "replacement_unavailable"] as const;
export const HealthEventKind = z.enum(HEALTH_EVENT_KINDS);
export type HealthEventKind = z.infer<typeof HealthEventKind>;

export const HealthEventGpu = z.object({ index: z.number().int(), uuid: z.string(), boardSerial: z.string() });

/** What the control plane reports about a node's hardware health, in order. */
export const HealthEvent = z.object({
  id: z.string(),
  sequence: z.number().int(),
  tenantId: z.string(),
  resourceId: z.string(),
  resourceKind: z.enum(["cluster", "endpoint"]),
  kind: HealthEventKind,
  at: Timestamp,
  nodeId: z.string(),
  hostId: z.string(),
  hostname: z.string(),
  fault: HardwareFault.nullable(),
  /** The faulty GPU, when one is to blame. */
  gpu: HealthEventGpu.nullable(),
  /** The XID code (79 = fallen off the bus). */
  xid: z.number().int().nullable(),
  /** replacement_started / node_replaced: the new node and its GPUs (new serials). */
  replacement: z
    .object({ nodeId: z.string(), hostId: z.string(), hostname: z.string(), gpus: z.array(HealthEventGpu) })
    .nullable(),
  /** node_replaced: when the capacity was first lost (the fault). */
  degradedSince: Timestamp.nullable(),
});
export type HealthEvent = z.infer<typeof HealthEvent>;

export const HealthEventPage = z.object({ events: z.array(HealthEvent), nextCursor: z.string() });
export type HealthEventPage = z.infer<typeof HealthEventPage>;

// ------------------------------------------------------------------ console views

export const TELEMETRY_RANGES = {
  "1h": { seconds: 3600, bucketSeconds: 60, resolution: "1m" },
  "24h": { seconds: 86_400, bucketSeconds: 300, resolution: "1m" },
  "7d": { seconds: 7 * 86_400, bucketSeconds: 3600, resolution: "1h" },
} as const;
export type TelemetryRange = keyof typeof TELEMETRY_RANGES;

export const TelemetryQuery = z.object({
  range: z.enum(["1h", "24h", "7d"]).default("24h"),
});

export const TelemetryPoint = z.object({
  at: Timestamp,
  /** Mean DCGM_FI_DEV_GPU_UTIL over the GPUs and windows of the bucket (%). */
  utilization: z.number(),
  /** Highest single-GPU utilisation in the bucket (%). */
  utilizationMax: z.number(),
  /** Framebuffer used / (used + free), in %. */
  memoryUsed: z.number(),
  /** Mean power per GPU (W). */
  power: z.number(),
  /** Mean and highest GPU temperature (°C). */
  temperature: z.number(),
  temperatureMax: z.number(),
});
export type TelemetryPoint = z.infer<typeof TelemetryPoint>;

export const TelemetrySeries = z.object({
  resourceId: z.string(),
  nodeId: z.string().nullable(),
  range: z.enum(["1h", "24h", "7d"]),
  bucketSeconds: z.number().int(),
  points: z.array(TelemetryPoint),
  /** The latest window ingested for this resource (null before the first). */
  latestSampleAt: Timestamp.nullable(),
});
export type TelemetrySeries = z.infer<typeof TelemetrySeries>;

export const IdleGpuFinding = z.object({
  clusterId: z.string(),
  clusterName: z.string(),
  poolId: z.string().nullable(),
  poolName: z.string().nullable(),
  shapeId: z.string(),
  nodes: z.number().int(),
  gpus: z.number().int(),
  /** Every sample of these GPUs stayed under this utilisation (%)… */
  thresholdPercent: z.number(),
  /** …for this long. */
  windowMinutes: z.number().int(),
  /** List price of the idle GPUs over the window (integer yen, excl. tax). */
  listCost: z.object({ amount: z.number().int(), currency: z.literal("JPY") }),
  /** The pool count that would keep its busy nodes (a hint for the scale dialog). */
  suggestedCount: z.number().int().nullable(),
});
export type IdleGpuFinding = z.infer<typeof IdleGpuFinding>;

export const IdleGpuFindings = z.object({ items: z.array(IdleGpuFinding), evaluatedAt: Timestamp });
export type IdleGpuFindings = z.infer<typeof IdleGpuFindings>;

export const ClusterEvent = HealthEvent.omit({ tenantId: true, sequence: true });
export type ClusterEvent = z.infer<typeof ClusterEvent>;

export const ClusterAvailability = z.object({
  /** JST month, e.g. 2026-12. */
  month: z.string(),
  /** Minutes in which at least one node's capacity was lost (fault until replacement ready). */
  degradedMinutes: z.number().int(),
  incidents: z.number().int(),
  /** Share of the month so far without degraded capacity, in %. */
  availabilityPercent: z.number(),
});
export type ClusterAvailability = z.infer<typeof ClusterAvailability>;

export const ClusterEvents = z.object({ items: z.array(ClusterEvent), availability: ClusterAvailability });
export type ClusterEvents = z.infer<typeof ClusterEvents>;

/** dcgm-exporter style UUID from the attestation certificate's serial (stable per GPU). */
export function gpuUuid(ueid: string): string {
  const h = ueid.toLowerCase().padEnd(32, "0");
  return `GPU-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The standalone simulator's test control for fault injection. */
export const InjectHardwareFaultInput = z.object({ nodeId: z.string().min(1), fault: HardwareFault, gpuIndex: z.number().int().min(0).optional() });

export const ClusterTelemetryQuery = TelemetryQuery.extend({
  nodeId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
});

export const IdleGpuQuery = z.object({
  clusterId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
});
