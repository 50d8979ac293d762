import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatCompletion, ClusterSpecInput, EndpointSpecInput, Operation } from "@/lib/domain/control-plane";
import { isInferStream, type ControlPlane } from "../control-plane";
import { expectAppError, uniqueId } from "./sim-harness";

// The ControlPlane contract: what the console may rely on, whichever implementation answers.
// Run against the embedded simulator and against the HTTP client talking to a spawned server.
// Both run the default fleet on a manual clock in demo timing: `advance()` is the only way time
// passes, so lifecycles are exact and fast.

export interface ContractHarness {
  cp: ControlPlane;
  /** Moves the control plane's clock forward and lets everything that came due happen. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

const MINUTE = 60_000;

function clusterSpec(overrides: Partial<ClusterSpecInput> = {}): ClusterSpecInput {
  return {
    tenantId: uniqueId("org"),
    clusterId: uniqueId("cl"),
    name: "train",
    zoneId: "jp-tokyo-1a",
    kubernetesVersion: "1.36",
    controlPlane: "ha",
    nodePools: [{ poolId: "np_gpu", name: "gpu", shapeId: "h100-8x", count: 2 }],
    ...overrides,
  };
}

function endpointSpec(overrides: Partial<EndpointSpecInput> = {}): EndpointSpecInput {
  return {
    tenantId: uniqueId("org"),
    endpointId: uniqueId("ep"),
    name: "chat",
    modelId: "sarashina2.2-3b-instruct",
    shapeId: "l40s-1x",
    zoneId: "jp-tokyo-1b",
    minReplicas: 1,
    maxReplicas: 2,
    ...overrides,
  };
}

export function controlPlaneContract(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`ControlPlane contract — ${name}`, () => {
    let h: ContractHarness;
    let cp: ControlPlane;
    beforeAll(async () => {
      h = await setup();
      cp = h.cp;
    });
    afterAll(async () => h?.close());

    const available = async (zoneId: string, shapeId: string) => (await cp.getCapacity({ zoneId, shapeId }))[0].available;
    /** Lets every step finish, then returns the operation as the console would see it. */
    const finish = async (op: Operation) => {
      await h.advance(2 * MINUTE);
      return cp.getOperation(op.id);
    };

    it("answers health with its clock", async () => {
      const health = await cp.health();
      expect(health.status).toBe("ok");
      expect(Date.parse(health.now)).toBeGreaterThan(0);
    });

    it("reports capacity per zone and shape as the fleet defines it", async () => {
      const tokyo = await cp.getCapacity({ zoneId: "jp-tokyo-1a" });
      const byShape = Object.fromEntries(tokyo.map((c) => [c.shapeId, c]));
      // 64 H100 8x nodes in Tokyo, split over two zones; each offers 8 h100-1x slices.
      expect(byShape["h100-8x"]).toMatchObject({ total: 32, unit: "node", wholeRacksAvailable: null });
      expect(byShape["h100-1x"].total).toBe(256);
      expect(byShape["cpu-16"].total).toBeGreaterThan(0);
      for (const c of tokyo) expect(c.allocated + c.available).toBe(c.total);

      const gb200 = await cp.getCapacity({ shapeId: "gb200-tray" });
      expect(gb200.map((c) => c.zoneId).sort()).toEqual(["jp-hokkaido-1a", "jp-osaka-1a", "jp-osaka-1b"]);
      expect(gb200.find((c) => c.zoneId === "jp-osaka-1a")).toMatchObject({ unit: "tray", total: 72, wholeRacksAvailable: 4 });
    });

    it("provisions a cluster through its steps, then shows its nodes and GPUs", async () => {
      const before = await available("jp-tokyo-1a", "h100-8x");
      const spec = clusterSpec({ controlPlane: "single" });
      const op = await cp.createCluster(spec, uniqueId("key"));
      expect(op).toMatchObject({ kind: "cluster.create", status: "running", target: { kind: "cluster", id: spec.clusterId } });
      expect(op.steps.map((s) => s.name)).toEqual(["validating", "allocating_nodes", "booting_nodes", "installing_control_plane", "joining_nodes", "ready"]);
      // Capacity is taken the moment the launch is accepted, not when it finishes.
      expect(await available("jp-tokyo-1a", "h100-8x")).toBe(before - 2);
      expect((await cp.getCluster(spec.clusterId!)).status).toBe("provisioning");

      await h.advance(10_000);
      const midway = await cp.getOperation(op.id);
      expect(midway.progress).toBeGreaterThan(0);
      expect(midway.progress).toBeLessThan(100);

      const done = await finish(op);
      expect(done).toMatchObject({ status: "succeeded", progress: 100 });
      expect(done.steps.every((s) => s.status === "succeeded")).toBe(true);
      expect(done.finishedAt).not.toBeNull();

      const cluster = await cp.getCluster(spec.clusterId!);
      expect(cluster).toMatchObject({ status: "running", zoneId: "jp-tokyo-1a", regionId: "jp-tokyo-1", kubernetesVersion: "1.36" });
      expect(cluster.nodes).toHaveLength(2);
      for (const node of cluster.nodes) {
        expect(node).toMatchObject({ status: "ready", shapeId: "h100-8x", poolId: "np_gpu" });
        expect(node.gpus).toHaveLength(8);
        expect(node.gpus[0]).toMatchObject({ model: expect.stringContaining("H100"), ccMode: "on" });
      }
      const ueids = cluster.nodes.flatMap((n) => n.gpus.map((g) => g.ueid));
      expect(new Set(ueids).size).toBe(16);
      expect(await cp.listClusters(spec.tenantId)).toEqual([cluster]);
    });

    it("returns the first operation for a repeated idempotency key, and refuses a reused one", async () => {
      const spec = clusterSpec();
      const key = uniqueId("key");
      const first = await cp.createCluster(spec, key);
      const again = await cp.createCluster(spec, key);
      expect(again.id).toBe(first.id);
      await expectAppError(cp.createCluster({ ...spec, name: "other" }, key), "idempotency_key_reused");
      await expectAppError(cp.createCluster(spec, uniqueId("key")), "conflict");
      expect(await cp.listClusters(spec.tenantId)).toHaveLength(1);
      expect(await cp.listOperations(spec.tenantId)).toHaveLength(1);
    });

    it("refuses a launch that does not fit, saying where the shape is available", async () => {
      const spec = clusterSpec({ nodePools: [{ poolId: "np_big", name: "big", shapeId: "h200-8x", count: 20 }] });
      const key = uniqueId("key");
      const error = await expectAppError(cp.createCluster(spec, key), "capacity_unavailable");
      expect(error.details).toMatchObject({ shapeId: "h200-8x", zoneId: "jp-tokyo-1a", requested: 20, available: 16 });
      const elsewhere = error.details!.availableIn as { zoneId: string; fitsRequest: boolean }[];
      expect(elsewhere).toContainEqual(expect.objectContaining({ zoneId: "jp-hokkaido-1a", fitsRequest: true }));
      expect(elsewhere).toContainEqual(expect.objectContaining({ zoneId: "jp-tokyo-1b", fitsRequest: false }));
      // Nothing was created, and the key was not spent on the failure.
      await expectAppError(cp.getCluster(spec.clusterId!), "not_found");
      const fits = await cp.createCluster({ ...spec, zoneId: "jp-hokkaido-1a" }, key);
      expect(fits.status).toBe("running");
    });

    it("rejects invalid specs before doing anything", async () => {
      await expectAppError(cp.createCluster(clusterSpec({ nodePools: [{ poolId: "p", name: "p", shapeId: "h900-8x", count: 1 }] }), uniqueId("key")), "validation_failed");
      await expectAppError(
        cp.createCluster(clusterSpec({ zoneId: "jp-osaka-1a", nodePools: [{ poolId: "p", name: "p", shapeId: "gb200-tray", count: 20, topology: "rack" }] }), uniqueId("key")),
        "validation_failed",
      );
      await expectAppError(cp.createEndpoint(endpointSpec({ modelId: "llama-3.3-swallow-70b-instruct", shapeId: "l40s-1x" }), uniqueId("key")), "validation_failed");
    });

    it("scales, adds and removes node pools, and upgrades one minor version at a time", async () => {
      const spec = clusterSpec({ kubernetesVersion: "1.35", nodePools: [{ poolId: "np_a", name: "a", shapeId: "l40s-1x", count: 2 }] });
      const created = await cp.createCluster(spec, uniqueId("key"));
      await expectAppError(cp.updateCluster(spec.clusterId!, { scaleNodePools: [{ poolId: "np_a", count: 3 }] }, uniqueId("key")), "conflict");
      await finish(created);

      await expectAppError(cp.updateCluster(spec.clusterId!, { kubernetesVersion: "1.37" }, uniqueId("key")), "business_rule");
      const l40sBefore = await available("jp-tokyo-1a", "l40s-1x");
      const grow = await cp.updateCluster(
        spec.clusterId!,
        { scaleNodePools: [{ poolId: "np_a", count: 4 }], addNodePools: [{ poolId: "np_sys", name: "system", shapeId: "cpu-16", count: 1 }], kubernetesVersion: "1.36" },
        uniqueId("key"),
      );
      expect(grow.kind).toBe("cluster.update");
      expect(await available("jp-tokyo-1a", "l40s-1x")).toBe(l40sBefore - 2);
      expect((await cp.getCluster(spec.clusterId!)).status).toBe("updating");
      expect((await finish(grow)).status).toBe("succeeded");
      let cluster = await cp.getCluster(spec.clusterId!);
      expect(cluster).toMatchObject({ status: "running", kubernetesVersion: "1.36" });
      expect(cluster.nodes.filter((n) => n.poolId === "np_a")).toHaveLength(4);
      expect(cluster.nodes.filter((n) => n.poolId === "np_sys")).toHaveLength(1);

      const shrink = await cp.updateCluster(spec.clusterId!, { scaleNodePools: [{ poolId: "np_a", count: 1 }], removeNodePoolIds: ["np_sys"] }, uniqueId("key"));
      // Nodes being removed drain first, and are held until they are released.
      expect((await cp.getCluster(spec.clusterId!)).nodes.filter((n) => n.status === "draining")).toHaveLength(4);
      await finish(shrink);
      cluster = await cp.getCluster(spec.clusterId!);
      expect(cluster.nodes.map((n) => n.poolId)).toEqual(["np_a"]);
      expect(cluster.nodePools.map((p) => [p.poolId, p.count])).toEqual([["np_a", 1]]);
      expect(await available("jp-tokyo-1a", "l40s-1x")).toBe(l40sBefore + 1);
      await expectAppError(cp.updateCluster(spec.clusterId!, { removeNodePoolIds: ["np_a"] }, uniqueId("key")), "business_rule");
    });

    it("deletes a cluster and gives its capacity back", async () => {
      const spec = clusterSpec({ nodePools: [{ poolId: "np", name: "gpu", shapeId: "b200-8x", count: 3 }], zoneId: "jp-osaka-1b" });
      const before = await available("jp-osaka-1b", "b200-8x");
      await finish(await cp.createCluster(spec, uniqueId("key")));
      const key = uniqueId("key");
      const deletion = await cp.deleteCluster(spec.clusterId!, key);
      expect((await cp.deleteCluster(spec.clusterId!, key)).id).toBe(deletion.id);
      expect((await cp.getCluster(spec.clusterId!)).status).toBe("deleting");
      expect(await available("jp-osaka-1b", "b200-8x")).toBe(before - 3);
      await finish(deletion);
      const cluster = await cp.getCluster(spec.clusterId!);
      expect(cluster).toMatchObject({ status: "deleted", nodes: [] });
      expect(cluster.deletedAt).not.toBeNull();
      expect(await available("jp-osaka-1b", "b200-8x")).toBe(before);
      await expectAppError(cp.deleteCluster(spec.clusterId!, uniqueId("key")), "conflict");
      await expectAppError(cp.getEvidence(spec.clusterId!), "conflict");
    });

    it("issues short-lived credentials with the cluster's own X.509 CA", async () => {
      const spec = clusterSpec({ nodePools: [{ poolId: "np", name: "cpu", shapeId: "cpu-16", count: 1 }] });
      const op = await cp.createCluster(spec, uniqueId("key"));
      await expectAppError(cp.issueClusterCredentials(spec.clusterId!, 3600), "conflict");
      await finish(op);
      const now = Date.parse((await cp.health()).now);
      const first = await cp.issueClusterCredentials(spec.clusterId!, 900);
      const second = await cp.issueClusterCredentials(spec.clusterId!, 900);
      expect(first.token).not.toBe(second.token);
      expect(first.certificateAuthorityPem).toBe(second.certificateAuthorityPem);
      expect(Date.parse(first.expiresAt) - now).toBe(900_000);
      expect(first.apiServerUrl).toMatch(/^https:\/\//);

      const ca = new X509Certificate(first.certificateAuthorityPem);
      expect(ca.ca).toBe(true);
      expect(ca.verify(ca.publicKey)).toBe(true);
      expect(ca.subject).toContain(`OU=${spec.clusterId}`);
      expect(Date.parse(ca.validFrom)).toBeLessThanOrEqual(now);
      expect(Date.parse(ca.validTo)).toBeGreaterThan(now + 365 * 24 * 3600_000);
      await expectAppError(cp.issueClusterCredentials(spec.clusterId!, 10), "validation_failed");
      await expectAppError(cp.issueClusterCredentials("cl_missing", 900), "not_found");
    });

    it("serves deterministic chat completions, whole or streamed, with token counts", async () => {
      const spec = endpointSpec();
      const op = await cp.createEndpoint(spec, uniqueId("key"));
      await expectAppError(cp.infer(spec.endpointId!, { messages: [{ role: "user", content: "こんにちは" }] }), "conflict");
      expect((await finish(op)).status).toBe("succeeded");
      expect((await cp.getEndpoint(spec.endpointId!)).replicas).toEqual({ current: 1, ready: 1 });

      const messages = [{ role: "user" as const, content: "日本語で東京リージョンの特徴を教えてください" }];
      const first = await cp.infer(spec.endpointId!, { messages });
      const second = await cp.infer(spec.endpointId!, { messages });
      expect(first.choices[0].message.content).toBe(second.choices[0].message.content);
      expect(first.choices[0].message.content).toMatch(/[ぁ-ん]/);
      expect(first.model).toBe(spec.modelId);
      expect(first.usage.total_tokens).toBe(first.usage.prompt_tokens + first.usage.completion_tokens);
      expect(first.choices[0].finish_reason).toBe("stop");

      const stream = await cp.infer(spec.endpointId!, { messages, stream: true, stream_options: { include_usage: true } });
      expect(isInferStream(stream)).toBe(true);
      let text = "";
      let finish_reason: string | null = null;
      let usage: ChatCompletion["usage"] | null | undefined;
      let chunks = 0;
      for await (const chunk of stream) {
        chunks++;
        text += chunk.choices[0]?.delta.content ?? "";
        finish_reason = chunk.choices[0]?.finish_reason ?? finish_reason;
        if (chunk.usage) usage = chunk.usage;
      }
      expect(text).toBe(first.choices[0].message.content);
      expect(finish_reason).toBe("stop");
      expect(usage).toEqual(first.usage);
      expect(chunks).toBeGreaterThan(usage!.completion_tokens);

      const short = await cp.infer(spec.endpointId!, { messages, max_tokens: 5 });
      expect(short.choices[0].finish_reason).toBe("length");
      expect(short.usage.completion_tokens).toBe(5);
      await expectAppError(cp.infer(spec.endpointId!, { model: "gpt-oss-120b", messages }), "not_found");
      await expectAppError(cp.infer("ep_missing", { messages }), "not_found");
    });

    it("cold-starts a scaled-to-zero endpoint on the first request, and scales back to zero when idle", async () => {
      const spec = endpointSpec({ minReplicas: 0, maxReplicas: 1, modelId: "qwen3-32b", shapeId: "h100-1x", zoneId: "jp-tokyo-1a" });
      await finish(await cp.createEndpoint(spec, uniqueId("key")));
      const idle = await cp.getEndpoint(spec.endpointId!);
      expect(idle).toMatchObject({ status: "running", replicas: { current: 0, ready: 0 }, simulated: true });
      expect(idle.coldStartSeconds).toBeGreaterThan(0);

      const pending = cp.infer(spec.endpointId!, { messages: [{ role: "user", content: "hello" }] });
      // The request waits while a replica starts: visible as one replica, not yet ready.
      for (let i = 0; i < 200 && (await cp.getEndpoint(spec.endpointId!)).replicas.current === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect((await cp.getEndpoint(spec.endpointId!)).replicas).toEqual({ current: 1, ready: 0 });
      await h.advance(idle.coldStartSeconds * 1000);
      const answer = await pending;
      expect(answer.choices[0].message.content).toContain("Simulated response");
      expect((await cp.getEndpoint(spec.endpointId!)).replicas).toEqual({ current: 1, ready: 1 });

      await h.advance(10 * MINUTE);
      expect((await cp.getEndpoint(spec.endpointId!)).replicas).toEqual({ current: 0, ready: 0 });
    });

    it("lists operations by tenant and target", async () => {
      const spec = clusterSpec({ nodePools: [{ poolId: "np", name: "cpu", shapeId: "cpu-16", count: 1 }] });
      const created = await cp.createCluster(spec, uniqueId("key"));
      await finish(created);
      const deleted = await cp.deleteCluster(spec.clusterId!, uniqueId("key"));
      const ops = await cp.listOperations(spec.tenantId, spec.clusterId);
      expect(ops.map((o) => o.id)).toEqual([deleted.id, created.id]);
      expect(await cp.listOperations(spec.tenantId, "cl_other")).toEqual([]);
      await expectAppError(cp.getOperation("op_missing"), "not_found");
    });

    it("meters every held node, the control plane and tokens, with stable ids", async () => {
      const spec = clusterSpec({ nodePools: [{ poolId: "np", name: "gpu", shapeId: "h200-8x", count: 2 }], zoneId: "jp-hokkaido-1a" });
      await finish(await cp.createCluster(spec, uniqueId("key")));
      const endpoint = endpointSpec({ tenantId: spec.tenantId });
      await finish(await cp.createEndpoint(endpoint, uniqueId("key")));
      const answer = await cp.infer(endpoint.endpointId!, { messages: [{ role: "user", content: "メータリング" }] });
      await h.advance(3 * MINUTE);

      const all = [];
      let cursor: string | null = null;
      for (;;) {
        const page = await cp.meteringSince(cursor, 40);
        all.push(...page.records);
        if (page.records.length === 0) break;
        cursor = page.nextCursor;
      }
      expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
      const sequences = all.map((r) => r.sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));

      const cluster = await cp.getCluster(spec.clusterId!);
      const nodeRecords = all.filter((r) => r.resourceId === spec.clusterId && r.meter === "node");
      for (const r of nodeRecords) {
        const node = cluster.nodes.find((n) => r.id === `${spec.clusterId}:${n.nodeId}:${r.intervalStart}`);
        expect(node, r.id).toBeDefined();
        expect(r.gpuSeconds).toBe(r.seconds * 8);
        expect(r).toMatchObject({ tenantId: spec.tenantId, shapeId: "h200-8x", zoneId: "jp-hokkaido-1a", regionId: "jp-hokkaido-1" });
        expect(r.seconds).toBeGreaterThan(0);
        expect(r.seconds).toBeLessThanOrEqual(60);
      }
      expect(new Set(nodeRecords.map((r) => r.id.split(":")[1]))).toEqual(new Set(cluster.nodes.map((n) => n.nodeId)));
      expect(all.some((r) => r.resourceId === spec.clusterId && r.meter === "control_plane" && r.controlPlaneTier === "ha")).toBe(true);
      const tokens = all.filter((r) => r.resourceId === endpoint.endpointId && r.meter === "tokens");
      expect(tokens.reduce((n, r) => n + r.requests, 0)).toBe(1);
      expect(tokens.reduce((n, r) => n + r.outputTokens, 0)).toBe(answer.usage.completion_tokens);
      expect(tokens.reduce((n, r) => n + r.inputTokens, 0)).toBe(answer.usage.prompt_tokens);

      // Reading again from the start gives the same records: ingest at least once, count once.
      const again = await cp.meteringSince(null, 5000);
      expect(again.records.slice(0, all.length)).toEqual(all);
      expect((await cp.meteringSince(again.nextCursor, 10)).records).toEqual([]);
      await expectAppError(cp.meteringSince("not-a-cursor", 10), "validation_failed");
    });

    it("gives hardware evidence of exactly the nodes held, which changes when they change", async () => {
      const spec = clusterSpec({ nodePools: [{ poolId: "np", name: "gpu", shapeId: "gb200-tray", count: 18, topology: "rack" }], zoneId: "jp-osaka-1a" });
      const op = await cp.createCluster(spec, uniqueId("key"));
      await expectAppError(cp.getEvidence(spec.clusterId!), "conflict");
      await finish(op);
      const cluster = await cp.getCluster(spec.clusterId!);
      const evidence = await cp.getEvidence(spec.clusterId!);
      expect(evidence).toMatchObject({ resourceId: spec.clusterId, resourceKind: "cluster", tenantId: spec.tenantId, regionId: "jp-osaka-1", zoneId: "jp-osaka-1a" });
      expect(evidence.nodes.map((n) => n.nodeId).sort()).toEqual(cluster.nodes.map((n) => n.nodeId).sort());
      expect(new Set(evidence.nodes.map((n) => n.rackId)).size).toBe(1);
      expect(evidence.nodes.flatMap((n) => n.gpus)).toHaveLength(72);
      expect(evidence.nodes[0].gpus[0]).toMatchObject({ ccMode: "on", nrasResult: "pass" });
      expect(Object.values(evidence.dataPlanes).flat().every((f) => f.startsWith("hnk-"))).toBe(true);
      expect(evidence.measurements.some((m) => m.component === "kubernetes" && m.version === "1.36")).toBe(true);
      expect((await cp.getEvidence(spec.clusterId!)).nodeSetDigest).toBe(evidence.nodeSetDigest);

      await finish(await cp.updateCluster(spec.clusterId!, { addNodePools: [{ poolId: "np2", name: "sys", shapeId: "cpu-16", count: 1 }] }, uniqueId("key")));
      const after = await cp.getEvidence(spec.clusterId!);
      expect(after.nodes).toHaveLength(19);
      expect(after.nodeSetDigest).not.toBe(evidence.nodeSetDigest);
      await expectAppError(cp.getEvidence("cl_missing"), "not_found");
    });

    it("holds a reservation's machines for its tenant only, refuses what it cannot promise with the earliest start, cancels before the start", async () => {
      const now = Date.parse((await cp.health()).now);
      const day = 24 * 60 * MINUTE;
      const window = { shapeId: "b200-8x", zoneId: "jp-osaka-1b", startsAt: new Date(now + day).toISOString(), endsAt: new Date(now + 8 * day).toISOString() };
      const before = (await cp.getCapacity({ zoneId: "jp-osaka-1b", shapeId: "b200-8x" }))[0];
      const tenantId = uniqueId("org");
      const held = await cp.createReservation({ ...window, count: before.available, tenantId, reservationId: uniqueId("rsv") });
      expect(held).toMatchObject({ status: "scheduled", count: before.available, inUse: 0 });
      expect(held.hostIds).toHaveLength(before.available);
      // A repeat of the same order is the same reservation (the id is the key).
      expect((await cp.createReservation({ ...window, count: before.available, tenantId, reservationId: held.reservationId })).hostIds).toEqual(held.hostIds);
      expect((await cp.getCapacity({ zoneId: "jp-osaka-1b", shapeId: "b200-8x" }))[0]).toMatchObject({ available: 0, reserved: before.reserved + before.available });
      await expectAppError(cp.createCluster(clusterSpec({ zoneId: "jp-osaka-1b", nodePools: [{ poolId: "np", name: "gpu", shapeId: "b200-8x", count: 1 }] }), uniqueId("key")), "capacity_unavailable");
      expect(await cp.checkReservation({ ...window, count: 1 })).toEqual({ available: false, earliestStartAt: window.endsAt, basis: "reservations_ending" });
      const refused = await expectAppError(cp.createReservation({ ...window, count: 1, tenantId: uniqueId("org"), reservationId: uniqueId("rsv") }), "capacity_unavailable");
      expect(refused.details).toMatchObject({ earliestStartAt: window.endsAt });
      expect((await cp.listReservations(tenantId)).map((r) => r.reservationId)).toEqual([held.reservationId]);
      expect(await cp.cancelReservation(held.reservationId)).toMatchObject({ status: "cancelled" });
      expect((await cp.getCapacity({ zoneId: "jp-osaka-1b", shapeId: "b200-8x" }))[0].available).toBe(before.available);
      await expectAppError(cp.getReservation("rsv_missing"), "not_found");
    });

    it("reports DCGM samples of every held GPU per closed window, and a fault's cordon and replacement in order", async () => {
      // A pool labelled for a fault gets XID 79 on its first ready node (the simulator's injection).
      const spec = clusterSpec({ nodePools: [{ poolId: "np_train", name: "train", shapeId: "h100-8x", count: 1, labels: { "hinoki.cloud/workload": "training", "sim.hinoki.cloud/inject-fault": "xid79" } }] });
      const first = await cp.telemetrySince(null, 50_000);
      // The fault lands as the cluster becomes running; the replacement boots, then joins.
      await finish(await cp.createCluster(spec, uniqueId("key")));
      await h.advance(2 * MINUTE);
      const after = (await cp.getCluster(spec.clusterId!)).nodes;
      expect(after).toHaveLength(1);
      const health = await cp.healthEventsSince(null, 1000);
      const events = health.events.filter((e) => e.resourceId === spec.clusterId);
      expect(events.map((e) => e.kind)).toEqual(["fault_detected", "node_cordoned", "replacement_started", "node_replaced"]);
      const victim = { nodeId: events[0].nodeId, hostId: events[0].hostId };
      expect(after[0].hostId).not.toBe(victim.hostId);

      const page = await cp.telemetrySince(first.nextCursor, 50_000);
      const mine = page.samples.filter((s) => s.resourceId === spec.clusterId);
      expect(mine.length).toBeGreaterThan(8);
      const now = Date.parse((await cp.health()).now);
      for (const s of mine) {
        expect(Date.parse(s.windowStart) + 30_000).toBeLessThanOrEqual(now);
        expect(Object.keys(s.values)).toEqual(expect.arrayContaining(["DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_XID_ERRORS"]));
        expect(s.uuid).toMatch(/^GPU-[0-9a-f]{8}-/);
      }
      const xid = mine.filter((s) => s.values.DCGM_FI_DEV_XID_ERRORS === 79);
      expect(xid).toHaveLength(1);
      expect(xid[0].nodeId).toBe(victim.nodeId);
      expect(mine.filter((s) => s.nodeId === after[0].nodeId && s.values.DCGM_FI_DEV_GPU_UTIL >= 90).length).toBeGreaterThanOrEqual(8);
      // The next page starts after the last window: nothing is read twice.
      const next = await cp.telemetrySince(page.nextCursor, 50_000);
      expect(next.samples.filter((s) => Date.parse(s.windowStart) <= Date.parse(page.nextCursor))).toEqual([]);

      expect(events[0]).toMatchObject({ fault: "xid79", xid: 79, tenantId: spec.tenantId, gpu: { index: 0 } });
      expect(events[3].replacement).toMatchObject({ nodeId: after[0].nodeId, hostId: after[0].hostId });
      expect(events[3].replacement!.gpus.map((g) => g.boardSerial)).toEqual(after[0].gpus.map((g) => g.boardSerial));
      expect((await cp.healthEventsSince(health.nextCursor, 1000)).events).toEqual([]);
    });
  });
}
