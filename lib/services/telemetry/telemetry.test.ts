import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import parsePrometheus from "parse-prometheus-text-format";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { appSettings, attestations, gpuRollups, gpuSamples, notifications, quotaLimits } from "@/lib/db/schema";
import { rowsOf } from "@/lib/billing/sql-rows";
import { setControlPlane } from "@/lib/control-plane";
import { gpuUuid } from "@/lib/domain/telemetry";
import type { CreateClusterDraft } from "@/lib/domain/clusters";
import { orgWithRoles, useTestKek } from "../testing/fixtures";
import { getCluster } from "../clusters/get-cluster";
import { launchCluster } from "../clusters/launch-cluster";
import { installSimulator } from "../clusters/testing";
import { renewAttestations } from "../attestations/renew-attestations";
import { getClusterPrometheus } from "./get-cluster-prometheus";
import { getClusterTelemetry } from "./get-cluster-telemetry";
import { getIdleGpuFindings } from "./get-idle-gpu-findings";
import { ingestHealthEventsFromControlPlane } from "./ingest-health-events";
import { ingestTelemetryFromControlPlane, TELEMETRY_CURSOR_KEY } from "./ingest-telemetry";
import { listClusterEvents } from "./list-cluster-events";
import { pruneTelemetry } from "./prune-telemetry";

useTestKek();

// GPU telemetry end to end on the simulator (manual clock): a training cluster and an idle one
// (one H100 8x node each) run for a day while the console ingests every hour, as its background
// task would.

const HOUR = 3600_000;
const cluster = (name: string, workload: string, count: number): CreateClusterDraft => ({
  name,
  zoneId: "jp-tokyo-1a",
  kubernetesVersion: "1.36",
  controlPlane: "single",
  nodePools: [{ name: "gpu", shapeId: "h100-8x", count, labels: { "hinoki.cloud/workload": workload } }],
});

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error("expected an error");
}

describe("GPU telemetry", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  let cp: Awaited<ReturnType<typeof installSimulator>>;
  let training: string;
  let idle: string;
  let dayEnd: number;
  const ingest = () => ingestTelemetryFromControlPlane(handle.db, cp.controlPlane);

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
    await handle.db.insert(quotaLimits).values({ orgId: acme.orgId, regionId: "jp-tokyo-1", gpuModel: "H100", gpus: 1000 });
    cp = await installSimulator(handle.db);
    training = (await launchCluster(cp.controlPlane, acme.as.developer, "acme", cluster("trainer", "training", 1))).target.id;
    idle = (await launchCluster(cp.controlPlane, acme.as.developer, "acme", cluster("forgotten", "idle", 1))).target.id;
    await cp.settle();
    for (let h = 0; h < 25; h++) {
      await cp.sim.advance(HOUR);
      await ingest();
    }
    dayEnd = cp.clock.now();
  }, 900_000);
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  it("stores one sample per GPU and window with the DCGM fields, labelled by node, index and UUID", async () => {
    const detail = await getCluster(cp.controlPlane, acme.as.viewer, "acme", training);
    const uuids = detail.nodes!.flatMap((n) => n.gpus.map((g) => gpuUuid(g.ueid))).sort();
    expect(uuids).toHaveLength(8);
    const latest = await handle.db.select().from(gpuSamples).where(eq(gpuSamples.resourceId, training)).orderBy(sql`window_start desc`).limit(8);
    expect(latest.map((s) => s.uuid).sort()).toEqual(uuids);
    for (const s of latest) {
      expect(s.util).toBeGreaterThanOrEqual(90);
      expect(s.fbUsed + s.fbFree).toBe(81_559);
      expect(s.power).toBeGreaterThan(500);
      expect(s.xid).toBe(0);
    }
  });

  it("draws a 24 h chart from the roll-ups that agrees with the raw samples, bucket by bucket", async () => {
    const chart = await getClusterTelemetry(acme.as.viewer, "acme", training, { range: "24h" }, dayEnd);
    expect(chart.bucketSeconds).toBe(300);
    expect(chart.points.length).toBeGreaterThanOrEqual(280);
    const raw = rowsOf<{ t: number; util: number; power: number; mem: number; tmax: number }>(
      await handle.db.execute(sql`
        SELECT (floor(extract(epoch from window_start) / 300) * 300)::float8 AS t, avg(util)::float8 AS util, avg(power)::float8 AS power,
          (100 * sum(fb_used)::float8 / sum(fb_used + fb_free)::float8) AS mem, max(temp)::float8 AS tmax
        FROM gpu_samples WHERE resource_id = ${training} GROUP BY 1`),
    );
    const byTime = new Map(raw.map((r) => [new Date(r.t * 1000).toISOString(), r]));
    let compared = 0;
    for (const point of chart.points) {
      const r = byTime.get(point.at);
      if (!r) continue;
      compared++;
      expect(point.utilization).toBeCloseTo(r.util, 0);
      expect(point.power).toBeCloseTo(r.power, 0);
      expect(point.memoryUsed).toBeCloseTo(r.mem, 0);
      expect(point.temperatureMax).toBe(r.tmax);
    }
    expect(compared).toBeGreaterThanOrEqual(280);
    // The training cluster is busy; the idle one is not.
    expect(Math.min(...chart.points.map((p) => p.utilization))).toBeGreaterThan(90);
    const quiet = await getClusterTelemetry(acme.as.viewer, "acme", idle, { range: "1h" }, dayEnd);
    expect(quiet.points.length).toBeGreaterThanOrEqual(59);
    expect(Math.max(...quiet.points.map((p) => p.utilizationMax))).toBeLessThan(5);
    // The week's hourly roll-ups hold the same day.
    const week = await getClusterTelemetry(acme.as.viewer, "acme", training, { range: "7d" }, dayEnd);
    const fullHours = week.points.filter((p) => Date.parse(p.at) < dayEnd - HOUR && Date.parse(p.at) > dayEnd - 23 * HOUR);
    expect(fullHours.length).toBeGreaterThanOrEqual(20);
    for (const p of fullHours) expect(p.utilization).toBeGreaterThan(90);
  });

  it("counts nothing twice: re-reading from an old cursor, and two ingests at once", async () => {
    const before = await handle.db.select().from(gpuRollups).where(and(eq(gpuRollups.resourceId, training), eq(gpuRollups.nodeId, ""), eq(gpuRollups.resolution, "1h"))).orderBy(asc(gpuRollups.bucket));
    const count = async () => Number(rowsOf<{ n: string }>(await handle.db.execute(sql`SELECT count(*)::text AS n FROM gpu_samples`))[0].n);
    const samples = await count();
    // A crash that lost the cursor: the last hour is read again.
    await handle.db.update(appSettings).set({ value: { windowStart: new Date(dayEnd - HOUR).toISOString() } }).where(eq(appSettings.key, TELEMETRY_CURSOR_KEY));
    const [a, b] = await Promise.all([ingest(), ingest()]);
    expect(a.received + b.received).toBeGreaterThan(0);
    expect(a.inserted + b.inserted).toBe(0);
    expect(await count()).toBe(samples);
    const after = await handle.db.select().from(gpuRollups).where(and(eq(gpuRollups.resourceId, training), eq(gpuRollups.nodeId, ""), eq(gpuRollups.resolution, "1h"))).orderBy(asc(gpuRollups.bucket));
    expect(after.map((r) => [r.bucket.toISOString(), r.samples, r.utilSum])).toEqual(before.map((r) => [r.bucket.toISOString(), r.samples, r.utilSum]));
    // An hour holds 120 windows × 8 GPUs.
    expect(after.filter((r) => r.samples === 960).length).toBeGreaterThanOrEqual(20);
  });

  it("finds the idle GPUs and prices them in yen: 8 GPUs under 5 % for 6 hours ≈ ¥43,200 of list price", async () => {
    const findings = await getIdleGpuFindings(acme.as.viewer, "acme", { now: dayEnd });
    expect(findings.items).toHaveLength(1);
    expect(findings.items[0]).toMatchObject({ clusterId: idle, clusterName: "forgotten", poolName: "gpu", shapeId: "h100-8x", nodes: 1, gpus: 8, thresholdPercent: 5, windowMinutes: 360, listCost: { amount: 43_200, currency: "JPY" }, suggestedCount: 0 });
    const onePage = await getIdleGpuFindings(acme.as.viewer, "acme", { clusterId: training, now: dayEnd });
    expect(onePage.items).toEqual([]);
    // A shorter window prices fewer hours.
    const hour = await getIdleGpuFindings(acme.as.viewer, "acme", { now: dayEnd, rule: { thresholdPercent: 5, windowMinutes: 60 } });
    expect(hour.items[0].listCost.amount).toBe(7_200);
  });

  it("serves the latest window as Prometheus text that an exposition parser reads, matching the API", async () => {
    const text = await getClusterPrometheus(acme.as.viewer, "acme", training);
    const families = parsePrometheus(text);
    const util = families.find((f) => f.name === "DCGM_FI_DEV_GPU_UTIL")!;
    expect(util.type).toBe("GAUGE");
    expect(util.metrics).toHaveLength(8);
    const detail = await getCluster(cp.controlPlane, acme.as.viewer, "acme", training);
    const expected = detail.nodes!.flatMap((n) => n.gpus.map((g) => ({ UUID: gpuUuid(g.ueid), Hostname: n.hostname, gpu: String(g.index), node_id: n.nodeId, modelName: g.model }))).sort((x, y) => x.UUID.localeCompare(y.UUID));
    const seen = util.metrics.map((m) => ({ UUID: m.labels.UUID, Hostname: m.labels.Hostname, gpu: m.labels.gpu, node_id: m.labels.node_id, modelName: m.labels.modelName })).sort((x, y) => x.UUID.localeCompare(y.UUID));
    expect(seen).toEqual(expected);
    for (const m of util.metrics) expect(Number(m.value)).toBeGreaterThanOrEqual(90);
    // The mean of the scrape is the 1-hour chart's latest minute, within rounding.
    const series = await getClusterTelemetry(acme.as.viewer, "acme", training, { range: "1h" }, dayEnd);
    const mean = util.metrics.reduce((s, m) => s + Number(m.value), 0) / util.metrics.length;
    expect(Math.abs(mean - series.points.at(-1)!.utilization)).toBeLessThan(5);
    const fb = families.find((f) => f.name === "DCGM_FI_DEV_FB_USED")!;
    const free = families.find((f) => f.name === "DCGM_FI_DEV_FB_FREE")!;
    expect(Number(fb.metrics[0].value) + Number(free.metrics[0].value)).toBe(81_559);
    expect(families.find((f) => f.name === "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL")!.type).toBe("COUNTER");
  });

  it("keeps another org out and lets a viewer read", async () => {
    expect(await errorCode(getClusterTelemetry(other.as.owner, "acme", training))).toBe("not_found");
    expect(await errorCode(getClusterTelemetry(other.as.owner, "other", training))).toBe("not_found");
    expect(await errorCode(getClusterPrometheus(other.as.owner, "other", training))).toBe("not_found");
    expect(await errorCode(listClusterEvents(other.as.owner, "other", training))).toBe("not_found");
    expect((await getIdleGpuFindings(other.as.owner, "other", { now: dayEnd })).items).toEqual([]);
  });

  it("replaces a node after XID 79: timeline, notifications to owner and admin, a new attestation with the new serials", async () => {
    await renewAttestations({ db: handle.db, controlPlane: cp.controlPlane, now: () => new Date(cp.clock.now()) });
    const [first] = await handle.db.select().from(attestations).where(eq(attestations.resourceId, training)).orderBy(sql`issued_at desc`).limit(1);
    const before = await getCluster(cp.controlPlane, acme.as.viewer, "acme", training);
    const victim = before.nodes![0];
    await cp.sim.injectHardwareFault(victim.nodeId, "xid79");
    await cp.sim.advance(60_000);
    await cp.sim.advance(60_000);
    await ingestHealthEventsFromControlPlane(handle.db, cp.controlPlane);
    await ingest();

    const timeline = await listClusterEvents(acme.as.viewer, "acme", training, new Date(cp.clock.now()));
    expect(timeline.items.map((e) => e.kind)).toEqual(["node_replaced", "replacement_started", "node_cordoned", "fault_detected"]);
    const fault = timeline.items.find((e) => e.kind === "fault_detected")!;
    expect(fault).toMatchObject({ nodeId: victim.nodeId, fault: "xid79", xid: 79, hostname: victim.hostname });
    const replaced = timeline.items[0];
    const oldSerials = victim.gpus.map((g) => g.boardSerial);
    expect(replaced.replacement!.gpus).toHaveLength(8);
    for (const g of replaced.replacement!.gpus) expect(oldSerials).not.toContain(g.boardSerial);
    expect(replaced.replacement!.hostId).not.toBe(victim.hostId);
    expect(timeline.availability.incidents).toBe(1);
    expect(timeline.availability.degradedMinutes).toBeGreaterThanOrEqual(1);
    expect(timeline.availability.availabilityPercent).toBeLessThan(100);

    // The faulty GPU reported XID 79 in its last window.
    const xid = await handle.db.select().from(gpuSamples).where(and(eq(gpuSamples.nodeId, victim.nodeId), eq(gpuSamples.xid, 79)));
    expect(xid.length).toBeGreaterThanOrEqual(1);

    // Owner and admin hear of the fault and of the replacement, once each, however often the feed is read.
    await handle.db.delete(appSettings).where(eq(appSettings.key, "telemetry.health_cursor"));
    await ingestHealthEventsFromControlPlane(handle.db, cp.controlPlane);
    const notes = await handle.db.select().from(notifications).where(eq(notifications.orgId, acme.orgId));
    const health = notes.filter((n) => n.titleKey.startsWith("gpu"));
    expect(health.map((n) => `${n.titleKey}:${n.userId}`).sort()).toEqual(
      [acme.userIds.admin, acme.userIds.owner].flatMap((u) => [`gpuFaultDetected.title:${u}`, `gpuNodeReplaced.title:${u}`]).sort(),
    );

    // The renewal issues a statement for the changed node set, naming the new serials.
    await renewAttestations({ db: handle.db, controlPlane: cp.controlPlane, now: () => new Date(cp.clock.now()) });
    const [latest] = await handle.db.select().from(attestations).where(eq(attestations.resourceId, training)).orderBy(sql`issued_at desc`).limit(1);
    expect(latest.id).not.toBe(first.id);
    expect(latest.nodeSetDigest).not.toBe(first.nodeSetDigest);
    const serials = latest.claims.hardware.nodes.flatMap((n: { gpus: { board_serial: string }[] }) => n.gpus.map((g) => g.board_serial));
    for (const g of replaced.replacement!.gpus) expect(serials).toContain(g.boardSerial);
    for (const s of oldSerials) expect(serials).not.toContain(s);
  });

  it("keeps raw samples a day, minute roll-ups a week and hour roll-ups a year", async () => {
    const count = async (where: ReturnType<typeof sql>) => Number(rowsOf<{ n: string }>(await handle.db.execute(sql`SELECT count(*)::text AS n FROM ${where}`))[0].n);
    const raw = () => count(sql`gpu_samples`);
    const minute = () => count(sql`gpu_rollups WHERE resolution = '1m'`);
    const hour = () => count(sql`gpu_rollups WHERE resolution = '1h'`);
    const now = cp.clock.now();
    await pruneTelemetry(handle.db, new Date(now));
    expect(await raw()).toBeGreaterThan(0);
    const oldest = rowsOf<{ t: string }>(await handle.db.execute(sql`SELECT min(window_start)::text AS t FROM gpu_samples`))[0].t;
    expect(Date.parse(oldest)).toBeGreaterThanOrEqual(now - 24 * HOUR);
    await pruneTelemetry(handle.db, new Date(now + 2 * 24 * HOUR));
    expect(await raw()).toBe(0);
    expect(await minute()).toBeGreaterThan(0);
    await pruneTelemetry(handle.db, new Date(now + 8 * 24 * HOUR));
    expect(await minute()).toBe(0);
    expect(await hour()).toBeGreaterThan(0);
    await pruneTelemetry(handle.db, new Date(now + 367 * 24 * HOUR));
    expect(await hour()).toBe(0);
  });
});
