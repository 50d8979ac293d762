import { createHash } from "node:crypto";
import { and, gte, inArray, isNotNull, isNull, lt, lte, or } from "drizzle-orm";
import { findShape } from "@/lib/domain/catalog/shapes";
import type { NodePoolSpec } from "@/lib/domain/control-plane";
import { gpuUuid, SAMPLE_WINDOW_SECONDS, type DcgmValues, type GpuSample, type HardwareFault, type TelemetryPage } from "@/lib/domain/telemetry";
import type { SimContext } from "./context";
import { iso } from "./db";
import { gpuIndexesOf, placementRule } from "./fleet";
import { cpClusters, cpEndpoints, cpGpus, cpHealthEvents, cpHosts, cpPlacements, cpTokenUsage } from "./schema";
import { clusterNodeNamer, endpointReplicaNamer } from "./views";

// GPU telemetry as the DCGM exporter would report it, produced from what runs. Samples are a pure
// function of (GPU, window, what the GPU was doing), computed when asked: the same window always
// reads the same, on any instance, after any restart — as a real exporter's stored series would.
// - A cluster's node pool follows its workload profile, the label `hinoki.cloud/workload`
//   (idle — the default: nothing was said to run —, training, bursty).
// - An endpoint's GPUs follow the tokens it served in the window's metering interval.
// - A GPU with a recorded hardware fault reports it (XID 79, a double-bit ECC error, heat).

export const WORKLOAD_LABEL = "hinoki.cloud/workload";
export type WorkloadProfile = "idle" | "training" | "bursty";
const WINDOW_MS = SAMPLE_WINDOW_SECONDS * 1000;
/** A first read starts this far back; the console keeps raw samples for a day anyway. */
const FIRST_READ_MS = 60 * 60 * 1000;
const MAX_BACKFILL_MS = 24 * 60 * 60 * 1000;

interface ModelFacts {
  fbMiB: number;
  idleW: number;
  maxW: number;
}

/** Framebuffer sizes and power envelopes as nvidia-smi reports them per model. */
const MODEL_FACTS: Record<string, ModelFacts> = {
  L40S: { fbMiB: 46_068, idleW: 36, maxW: 350 },
  H100: { fbMiB: 81_559, idleW: 72, maxW: 700 },
  H200: { fbMiB: 143_771, idleW: 76, maxW: 700 },
  B200: { fbMiB: 183_359, idleW: 120, maxW: 1000 },
  GB200: { fbMiB: 189_471, idleW: 130, maxW: 1200 },
};

/** A stable number in [0, 1) for a GPU and a window. */
function noise(uuid: string, windowMs: number, salt: string): number {
  return createHash("sha1").update(`${uuid}:${windowMs}:${salt}`).digest().readUInt32BE(0) / 2 ** 32;
}

export function profileOf(labels: Record<string, string> | undefined): WorkloadProfile {
  const value = labels?.[WORKLOAD_LABEL];
  return value === "training" || value === "bursty" ? value : "idle";
}

/** Utilisation (%) of a profile at a window: training is busy, bursty alternates every 10 minutes. */
function profileUtilization(profile: WorkloadProfile, uuid: string, windowMs: number): number {
  const n = noise(uuid, windowMs, "util");
  if (profile === "training") return 91 + n * 8;
  if (profile === "bursty") return Math.floor(windowMs / 600_000) % 2 === 0 ? 70 + n * 28 : 8 + n * 12;
  return n * 2;
}

export function dcgmValues(facts: ModelFacts, utilization: number, uuid: string, windowMs: number, fault: HardwareFault | null): DcgmValues {
  if (fault === "xid79") {
    // Fallen off the bus: the driver lost the GPU; DCGM reports the XID and nothing in use.
    return { DCGM_FI_DEV_GPU_UTIL: 0, DCGM_FI_PROF_GR_ENGINE_ACTIVE: 0, DCGM_FI_DEV_FB_USED: 0, DCGM_FI_DEV_FB_FREE: 0, DCGM_FI_DEV_POWER_USAGE: 0, DCGM_FI_DEV_GPU_TEMP: 0, DCGM_FI_DEV_XID_ERRORS: 79, DCGM_FI_DEV_ECC_SBE_VOL_TOTAL: 0, DCGM_FI_DEV_ECC_DBE_VOL_TOTAL: 0 };
  }
  const u = Math.round(Math.min(100, Math.max(0, utilization)));
  const load = u / 100;
  const fbUsed = Math.round(u < 3 ? 1 + noise(uuid, windowMs, "fb") * 4 : facts.fbMiB * (0.55 + 0.38 * load));
  const temperature = fault === "thermal" ? 93 + Math.round(noise(uuid, windowMs, "t") * 4) : Math.round(31 + 45 * load + noise(uuid, windowMs, "t") * 3);
  return {
    DCGM_FI_DEV_GPU_UTIL: u,
    DCGM_FI_PROF_GR_ENGINE_ACTIVE: Math.round(Math.max(0, load * 0.93 - 0.01) * 1000) / 1000,
    DCGM_FI_DEV_FB_USED: fbUsed,
    DCGM_FI_DEV_FB_FREE: facts.fbMiB - fbUsed,
    DCGM_FI_DEV_POWER_USAGE: Math.round((facts.idleW + (facts.maxW - facts.idleW) * load * (0.92 + noise(uuid, windowMs, "p") * 0.08)) * 10) / 10,
    DCGM_FI_DEV_GPU_TEMP: temperature,
    DCGM_FI_DEV_XID_ERRORS: fault === "ecc_dbe" ? 48 : 0,
    DCGM_FI_DEV_ECC_SBE_VOL_TOTAL: 0,
    DCGM_FI_DEV_ECC_DBE_VOL_TOTAL: fault === "ecc_dbe" ? 1 : 0,
  };
}

const floorWindow = (ms: number) => Math.floor(ms / WINDOW_MS) * WINDOW_MS;

/**
 * Samples of every GPU held in the closed windows after `cursor` (the last window start read),
 * whole windows only, at least one window and otherwise at most about `limit` samples.
 */
export async function telemetrySince(ctx: SimContext, cursor: string | null, limit: number): Promise<TelemetryPage> {
  const nowMs = ctx.clock.now();
  const lastClosed = floorWindow(nowMs) - WINDOW_MS;
  const parsed = cursor ? Date.parse(cursor) : NaN;
  const fromMs = Math.max(Number.isFinite(parsed) ? floorWindow(parsed) + WINDOW_MS : floorWindow(nowMs - FIRST_READ_MS), floorWindow(nowMs - MAX_BACKFILL_MS));
  const unchanged = cursor ?? iso(fromMs - WINDOW_MS);
  if (fromMs > lastClosed) return { samples: [], nextCursor: unchanged };

  const db = ctx.db;
  const untilMs = Math.min(lastClosed + WINDOW_MS, fromMs + WINDOW_MS * 2880);
  // Nodes held (provisioned, not yet released) at some point of [fromMs, untilMs).
  const placements = await db
    .select()
    .from(cpPlacements)
    .where(and(isNotNull(cpPlacements.provisionedAt), lt(cpPlacements.provisionedAt, new Date(untilMs)), or(isNull(cpPlacements.releasedAt), gte(cpPlacements.releasedAt, new Date(fromMs)))))
    .orderBy(cpPlacements.id);
  const gpuPlacements = placements.filter((p) => p.gpuCount > 0);
  if (gpuPlacements.length === 0) return { samples: [], nextCursor: iso(untilMs - WINDOW_MS) };

  const hostIds = [...new Set(gpuPlacements.map((p) => p.hostId))];
  const resourceIds = [...new Set(gpuPlacements.map((p) => p.resourceId))];
  const [hosts, gpus, clusterRows, endpointRows, faults, tokens] = await Promise.all([
    db.select().from(cpHosts).where(inArray(cpHosts.id, hostIds)),
    db.select().from(cpGpus).where(inArray(cpGpus.hostId, hostIds)),
    db.select().from(cpClusters).where(inArray(cpClusters.id, resourceIds)),
    db.select().from(cpEndpoints).where(inArray(cpEndpoints.id, resourceIds)),
    db.select().from(cpHealthEvents).where(and(inArray(cpHealthEvents.hostId, hostIds), inArray(cpHealthEvents.kind, ["fault_detected"]), lte(cpHealthEvents.at, new Date(untilMs)))),
    db
      .select()
      .from(cpTokenUsage)
      .where(and(inArray(cpTokenUsage.endpointId, resourceIds), gte(cpTokenUsage.intervalStart, new Date(fromMs - ctx.config.meteringIntervalSeconds * 1000)), lt(cpTokenUsage.intervalStart, new Date(untilMs)))),
  ]);
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  const gpusByHost = new Map<string, typeof gpus>();
  for (const g of gpus) gpusByHost.set(g.hostId, [...(gpusByHost.get(g.hostId) ?? []), g]);
  const clusters = new Map(clusterRows.map((c) => [c.id, { row: c, name: clusterNodeNamer(c), pools: new Map((c.nodePools as NodePoolSpec[]).map((p) => [p.poolId, p])) }]));
  const endpoints = new Map(endpointRows.map((e) => [e.id, { row: e, name: endpointReplicaNamer(e) }]));
  const faultByHost = new Map<string, { atMs: number; fault: HardwareFault; gpuIndex: number | null }>();
  for (const f of faults) {
    const event = f.event as { fault: HardwareFault; gpu: { index: number } | null };
    faultByHost.set(f.hostId, { atMs: f.at.getTime(), fault: event.fault, gpuIndex: event.gpu?.index ?? null });
  }
  const intervalMs = ctx.config.meteringIntervalSeconds * 1000;
  const tokensPerSecond = new Map(tokens.map((t) => [`${t.endpointId}@${t.intervalStart.getTime()}`, (t.inputTokens + t.outputTokens) / ctx.config.meteringIntervalSeconds]));

  const samples: GpuSample[] = [];
  let windowMs = fromMs;
  for (; windowMs < untilMs; windowMs += WINDOW_MS) {
    if (samples.length >= limit) break;
    const end = windowMs + WINDOW_MS;
    for (const p of gpuPlacements) {
      const fault = faultByHost.get(p.hostId);
      // A node released for a fault sends its last report (the XID) for the window of the fault:
      // windows that closed before the fault never change after the console has read them.
      const lastReport = fault !== undefined && p.releasedAt?.getTime() === fault.atMs && floorWindow(fault.atMs) === windowMs;
      // Held at the window's start; the sample reports the window as it ended.
      if (p.provisionedAt!.getTime() > windowMs || (p.releasedAt && p.releasedAt.getTime() <= windowMs && !lastReport)) continue;
      const host = hostById.get(p.hostId)!;
      const model = findShape(host.hostShape)?.gpuModel ?? "H100";
      const facts = MODEL_FACTS[model] ?? MODEL_FACTS.H100;
      const indexes = new Set(gpuIndexesOf(p.slotMask, host.gpuCount, placementRule(p.shapeId).hostSlots));
      const cluster = clusters.get(p.resourceId);
      const endpoint = endpoints.get(p.resourceId);
      const hostname = cluster ? cluster.name(p) : endpoint ? endpoint.name(p) : p.id.toLowerCase();
      for (const g of (gpusByHost.get(p.hostId) ?? []).filter((x) => indexes.has(x.gpuIndex)).sort((a, b) => a.gpuIndex - b.gpuIndex)) {
        const uuid = gpuUuid(g.ueid);
        let utilization: number;
        if (cluster) utilization = profileUtilization(profileOf(cluster.pools.get(p.poolId ?? "")?.labels), uuid, windowMs);
        else {
          const tps = tokensPerSecond.get(`${p.resourceId}@${Math.floor(windowMs / intervalMs) * intervalMs}`) ?? 0;
          // A replica serving ~400 tokens/s across its batch is about fully busy.
          utilization = tps === 0 ? noise(uuid, windowMs, "util") * 1.5 : Math.min(98, 12 + (tps / Math.max(1, p.gpuCount)) / 4);
        }
        const faulted = fault && fault.atMs < end && (fault.gpuIndex === null || fault.gpuIndex === g.gpuIndex) ? fault.fault : null;
        samples.push({
          windowStart: iso(windowMs),
          tenantId: p.tenantId,
          resourceId: p.resourceId,
          resourceKind: p.resourceKind as "cluster" | "endpoint",
          nodeId: p.id,
          poolId: p.poolId,
          shapeId: p.shapeId,
          nodeGpuCount: p.gpuCount,
          hostname,
          gpuIndex: g.gpuIndex,
          uuid,
          modelName: g.model,
          values: dcgmValues(facts, utilization, uuid, windowMs, faulted),
        });
      }
    }
  }
  return { samples, nextCursor: iso(windowMs - WINDOW_MS) };
}
