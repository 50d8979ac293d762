import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import type { MeteringRecord } from "@/lib/domain/metering";
import { freshSimulator, uniqueId } from "../testing/sim-harness";
import { sql } from "drizzle-orm";
import { rowsOf } from "./db";
import { SimulatedControlPlane } from "./simulator";

// Metering is what the bill is made of: every second a node is held must be metered exactly
// once, in records whose ids do not change however often they are read.

const FLEET: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 8, unit: "node" }];

async function everything(sim: SimulatedControlPlane): Promise<MeteringRecord[]> {
  const all: MeteringRecord[] = [];
  for (let cursor: string | null = null; ; ) {
    const page = await sim.meteringSince(cursor, 13);
    if (page.records.length === 0) return all;
    all.push(...page.records);
    cursor = page.nextCursor;
  }
}

describe("simulator metering", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("meters every held second exactly once, across scale-down and deletion", async () => {
    const { sim, clock } = await freshSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0, meteringIntervalSeconds: 30 });
    await sim.advance(17_300); // start off an interval boundary, and off a whole second
    const clusterId = uniqueId("cl");
    await sim.createCluster(
      { tenantId: "org_m", clusterId, name: "m", zoneId: "jp-tokyo-1a", kubernetesVersion: "1.36", controlPlane: "ha", nodePools: [{ poolId: "np", name: "gpu", shapeId: "h100-1x", count: 3 }] },
      "k-create",
    );
    await sim.advance(95_000);
    await sim.updateCluster(clusterId, { scaleNodePools: [{ poolId: "np", count: 1 }] }, "k-shrink");
    await sim.advance(71_000);
    await sim.deleteCluster(clusterId, "k-delete");
    await sim.advance(100_000);
    expect((await sim.getCluster(clusterId)).status).toBe("deleted");

    const records = await everything(sim);
    const ids = records.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of records) {
      expect(Date.parse(r.intervalEnd) - Date.parse(r.intervalStart)).toBe(30_000);
      expect(Date.parse(r.intervalStart) % 30_000).toBe(0);
      expect(Date.parse(r.intervalEnd)).toBeLessThanOrEqual(clock.now()); // only closed intervals
      expect(r.seconds).toBeGreaterThan(0);
      expect(r.seconds).toBeLessThanOrEqual(30);
    }

    // The truth, from the simulator's own placements and control plane: held from … until.
    const placements = rowsOf<{ id: string; provisioned_at: string | Date; released_at: string | Date }>(
      await handle.db.execute(sql`select id, provisioned_at, released_at from cp_placements where resource_id = ${clusterId}`),
    );
    expect(placements).toHaveLength(3);
    for (const p of placements) {
      const held = (new Date(p.released_at).getTime() - new Date(p.provisioned_at).getTime()) / 1000;
      const metered = records.filter((r) => r.id.startsWith(`${clusterId}:${p.id}:`));
      expect(metered.reduce((n, r) => n + r.seconds, 0)).toBe(held);
      expect(metered.reduce((n, r) => n + r.gpuSeconds, 0)).toBe(held); // one GPU per h100-1x
      for (const r of metered) expect(r.id).toBe(`${clusterId}:${p.id}:${r.intervalStart}`);
    }
    const [cp] = rowsOf<{ started: string | Date; stopped: string | Date }>(
      await handle.db.execute(sql`select control_plane_started_at as started, control_plane_stopped_at as stopped from cp_clusters where id = ${clusterId}`),
    );
    const controlPlane = records.filter((r) => r.meter === "control_plane");
    expect(controlPlane.every((r) => r.controlPlaneTier === "ha" && r.gpuSeconds === 0)).toBe(true);
    expect(controlPlane.reduce((n, r) => n + r.seconds, 0)).toBe((new Date(cp.stopped).getTime() - new Date(cp.started).getTime()) / 1000);

    // Nothing more once everything is released, and a re-read yields the very same log.
    await sim.advance(120_000);
    expect(await everything(sim)).toEqual(records);
    await sim.close();
  });

  it("meters tokens and requests per endpoint per interval, and continues the sequence after a restart", async () => {
    const { sim, clock } = await freshSimulator(handle.db, { fleet: [{ regionId: "jp-tokyo-1", shapeId: "l40s-1x", count: 4, unit: "node" }] });
    const endpointId = uniqueId("ep");
    await sim.createEndpoint(
      { tenantId: "org_t", endpointId, name: "chat", modelId: "llm-jp-3-13b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 1, maxReplicas: 1 },
      "k-ep",
    );
    await sim.advance(60_000 - (clock.now() % 60_000)); // ready, and at the start of an interval
    const ask = (content: string) => sim.infer(endpointId, { messages: [{ role: "user", content }] });
    const firstMinute = [await ask("一"), await ask("二"), await ask("three")];
    await sim.advance(60_000);
    const stream = await sim.infer(endpointId, { messages: [{ role: "user", content: "四" }], stream: true, max_tokens: 4 });
    for await (const _ of stream) void _;
    await sim.advance(60_000);

    const tokens = (await everything(sim)).filter((r) => r.meter === "tokens");
    expect(tokens.map((r) => r.requests)).toEqual([3, 1]);
    expect(tokens[0].outputTokens).toBe(firstMinute.reduce((n, c) => n + c.usage.completion_tokens, 0));
    expect(tokens[0].inputTokens).toBe(firstMinute.reduce((n, c) => n + c.usage.prompt_tokens, 0));
    expect(tokens[1].outputTokens).toBe(4);
    expect(tokens[0].id).toBe(`${endpointId}:tokens:${tokens[0].intervalStart}`);
    const lastSequence = (await everything(sim)).at(-1)!.sequence;
    await sim.close();

    // Another process on the same data picks up the log where it was.
    const reopened = await SimulatedControlPlane.open({ db: handle.db, clock, fleet: [{ regionId: "jp-tokyo-1", shapeId: "l40s-1x", count: 4, unit: "node" }] });
    await reopened.advance(60_000);
    const next = await reopened.meteringSince(String(lastSequence), 100);
    expect(next.records.length).toBeGreaterThan(0);
    expect(next.records[0].sequence).toBeGreaterThan(lastSequence);
    expect(next.records.every((r) => r.meter === "node")).toBe(true);
    await reopened.close();
  });
});
