import { ZodError } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, clusters, gpuReservations, quotaLimits, residencyPolicies } from "@/lib/db/schema";
import { saveContract } from "@/lib/billing/contracts";
import { getControlPlane, setControlPlane } from "@/lib/control-plane";
import type { CreateClusterDraft } from "@/lib/domain/clusters";
import { orgWithRoles } from "../testing/fixtures";
import { addNodePool } from "./add-node-pool";
import { deleteCluster } from "./delete-cluster";
import { getCluster } from "./get-cluster";
import { launchCluster } from "./launch-cluster";
import { listClusters } from "./list-clusters";
import { getOperation, listOperations } from "../operations/list-operations";
import { preflightCluster } from "./preflight-cluster";
import { removeNodePool } from "./remove-node-pool";
import { installSimulator, reservedGpus } from "./testing";
import { updateNodePool } from "./update-node-pool";
import { upgradeCluster } from "./upgrade-cluster";

const twoPools = (name: string, zoneId = "jp-tokyo-1a"): CreateClusterDraft => ({
  name,
  zoneId,
  kubernetesVersion: "1.36",
  controlPlane: "single",
  nodePools: [
    { name: "system", shapeId: "cpu-16", count: 2 },
    { name: "gpu", shapeId: "h100-8x", count: 1, autoscaling: { min: 1, max: 2 }, labels: { team: "ml" }, taints: [{ key: "nvidia.com/gpu", effect: "NoSchedule" }] },
  ],
});

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; details?: Record<string, unknown> };
  }
  throw new Error("expected an error");
}

describe("clusters", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  let cp: Awaited<ReturnType<typeof installSimulator>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
    // Many tests run clusters side by side in Tokyo: room for them (the quota test uses H200).
    await handle.db.insert(quotaLimits).values({ orgId: acme.orgId, regionId: "jp-tokyo-1", gpuModel: "H100", gpus: 1000 });
  });
  beforeEach(async () => {
    cp = await installSimulator(handle.db);
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  async function runningCluster(name: string) {
    const op = await launchCluster(cp.controlPlane, acme.as.developer, "acme", twoPools(name));
    await cp.settle();
    return { op, cluster: await getCluster(cp.controlPlane, acme.as.developer, "acme", op.target.id) };
  }

  it("launches a two-pool cluster: provisioning at once, reservations held, audited, then running", async () => {
    const op = await launchCluster(cp.controlPlane, acme.as.developer, "acme", twoPools("alpha"));
    expect(op).toMatchObject({ kind: "cluster.create", status: "running", target: { kind: "cluster", name: "alpha" } });
    expect(op.steps.map((s) => s.name)).toContain("booting_nodes");
    const provisioning = await getCluster(cp.controlPlane, acme.as.viewer, "acme", op.target.id);
    expect(provisioning).toMatchObject({ status: "provisioning", gpuCount: 8, nodeCount: 3, zoneId: "jp-tokyo-1a", regionId: "jp-tokyo-1" });
    expect(provisioning.pricePerHour.amount).toBe(20 + 2 * 60 + 7200);
    expect(provisioning.activeOperation?.id).toBe(op.id);
    expect(await reservedGpus(handle.db, op.target.id)).toEqual({ H100: 8 });
    const audit = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "cluster.create"), eq(auditEvents.targetId, op.target.id)));
    expect(audit).toHaveLength(1);

    await cp.settle();
    const running = await getCluster(cp.controlPlane, acme.as.viewer, "acme", op.target.id);
    expect(running.status).toBe("running");
    expect(running.activeOperation).toBeNull();
    expect(running.apiServerUrl).toMatch(/^https:\/\/.*:6443$/);
    expect(running.nodePools.map((p) => [p.name, p.status, p.count])).toEqual([["system", "active", 2], ["gpu", "active", 1]]);
    expect(running.nodes).toHaveLength(3);
    expect(running.nodes!.find((n) => n.shapeId === "h100-8x")!.gpus).toHaveLength(8);
    expect(running.upgradeAvailable).toBe("1.37");
    expect((await getOperation(acme.as.viewer, "acme", op.id)).status).toBe("succeeded");
  });

  it("never launches two for one Idempotency-Key, and refuses the key for a different request", async () => {
    const first = await launchCluster(cp.controlPlane, acme.as.developer, "acme", twoPools("beta"), { idempotencyKey: "key-beta" });
    const again = await launchCluster(cp.controlPlane, acme.as.developer, "acme", twoPools("beta"), { idempotencyKey: "key-beta" });
    expect(again.id).toBe(first.id);
    expect(again.target.id).toBe(first.target.id);
    const rows = await handle.db.select().from(clusters).where(and(eq(clusters.orgId, acme.orgId), eq(clusters.name, "beta")));
    expect(rows).toHaveLength(1);
    expect((await errorOf(launchCluster(cp.controlPlane, acme.as.developer, "acme", twoPools("beta-2"), { idempotencyKey: "key-beta" }))).code).toBe("idempotency_key_reused");
    // Without a key, the same name twice is refused by name.
    expect(await errorOf(launchCluster(cp.controlPlane, acme.as.developer, "acme", twoPools("beta")))).toMatchObject({ code: "already_exists", details: { field: "name" } });
  });

  it("refuses what exceeds the quota, naming the pool's count field", async () => {
    const big = { ...twoPools("gamma"), nodePools: [{ name: "gpu", shapeId: "h200-8x", count: 3 }] };
    const error = await errorOf(launchCluster(cp.controlPlane, acme.as.developer, "acme", big));
    expect(error).toMatchObject({ code: "quota_exceeded", details: { field: "nodePools.0.count", gpuModel: "H200", limit: 16, requested: 24 } });
    const preflight = await preflightCluster(await getControlPlane(), acme.as.viewer, "acme", big);
    expect(preflight.ok).toBe(false);
    expect(preflight.issues).toContainEqual(expect.objectContaining({ field: "nodePools.0.count", code: "quota_exceeded" }));
    expect(preflight.quota).toContainEqual(expect.objectContaining({ gpuModel: "H200", limit: 16, requested: 24, headroom: -8, fits: false }));
  });

  it("refuses what does not fit in the zone, saying where it would", async () => {
    cp = await installSimulator(handle.db, { fleet: [{ regionId: "jp-tokyo-1", shapeId: "h200-8x", count: 5, unit: "node" }, { regionId: "jp-hokkaido-1", shapeId: "h200-8x", count: 8, unit: "node" }] });
    await handle.db.insert(quotaLimits).values({ orgId: acme.orgId, regionId: "jp-tokyo-1", gpuModel: "H200", gpus: 200 }).onConflictDoNothing();
    const draft = { ...twoPools("delta", "jp-tokyo-1b"), nodePools: [{ name: "gpu", shapeId: "h200-8x", count: 3 }] };
    const error = await errorOf(launchCluster(cp.controlPlane, acme.as.developer, "acme", draft));
    expect(error.code).toBe("capacity_unavailable");
    expect(error.details).toMatchObject({ field: "nodePools.0.count", shapeId: "h200-8x", zoneId: "jp-tokyo-1b", requested: 3, available: 2 });
    expect(error.details!.availableIn).toEqual([
      { regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1a", available: 3, fitsRequest: true },
      { regionId: "jp-hokkaido-1", zoneId: "jp-hokkaido-1a", available: 8, fitsRequest: true },
    ].sort((a, b) => b.available - a.available));
    const preflight = await preflightCluster(await getControlPlane(), acme.as.developer, "acme", draft);
    expect(preflight.pools[0]).toMatchObject({ fits: false, available: 2, level: expect.any(String) });
    expect(preflight.issues).toContainEqual(expect.objectContaining({ field: "nodePools.0.count", code: "capacity_unavailable" }));
    expect(await handle.db.select().from(clusters).where(eq(clusters.name, "delta"))).toHaveLength(0);
  });

  it("refuses a zone outside the residency policy, and offers only allowed zones", async () => {
    await handle.db.insert(residencyPolicies).values({ orgId: other.orgId, allowedRegions: ["jp-osaka-1", "jp-hokkaido-1"] });
    const error = await errorOf(launchCluster(cp.controlPlane, other.as.developer, "other", twoPools("eps")));
    expect(error).toMatchObject({ code: "residency_violation", details: { field: "zoneId", regionId: "jp-tokyo-1" } });
    const preflight = await preflightCluster(await getControlPlane(), other.as.developer, "other", twoPools("eps"));
    expect(preflight.allowedZoneIds).toEqual(["jp-osaka-1a", "jp-osaka-1b", "jp-hokkaido-1a"]);
    expect(preflight.issues).toContainEqual(expect.objectContaining({ field: "zoneId", code: "residency_violation" }));
  });

  it("rejects an invalid name with the field it concerns", async () => {
    const error = (await errorOf(launchCluster(cp.controlPlane, acme.as.developer, "acme", { ...twoPools("x"), name: "Bad_Name" }))) as unknown as ZodError;
    expect(error).toBeInstanceOf(ZodError);
    expect(error.issues.map((i) => i.path.join("."))).toEqual(["name"]);
    const preflight = await preflightCluster(await getControlPlane(), acme.as.developer, "acme", { ...twoPools("x"), name: "Bad_Name" });
    expect(preflight.issues).toContainEqual(expect.objectContaining({ field: "name", code: "invalid_name" }));
  });

  it("keeps an order through a control-plane outage and submits it when the control plane is back", async () => {
    cp.setDown(true);
    const op = await launchCluster(cp.controlPlane, acme.as.developer, "acme", twoPools("zeta"));
    expect(op).toMatchObject({ status: "pending", currentStep: "waiting_for_control_plane", attempts: 1 });
    expect((await getCluster(cp.controlPlane, acme.as.developer, "acme", op.target.id)).status).toBe("provisioning");
    expect(await reservedGpus(handle.db, op.target.id)).toEqual({ H100: 8 });
    cp.setDown(false);
    await cp.settle(1);
    expect((await getOperation(acme.as.developer, "acme", op.id)).status).toBe("running");
    await cp.settle();
    expect((await getCluster(cp.controlPlane, acme.as.developer, "acme", op.target.id)).status).toBe("running");
    expect((await getOperation(acme.as.developer, "acme", op.id)).attempts).toBe(2);
  });

  it("withdraws an order the control plane never accepted when it is deleted", async () => {
    cp.setDown(true);
    const op = await launchCluster(cp.controlPlane, acme.as.developer, "acme", twoPools("eta"));
    const del = await deleteCluster(cp.controlPlane, acme.as.developer, "acme", op.target.id);
    expect(del.status).toBe("succeeded");
    expect((await getOperation(acme.as.developer, "acme", op.id)).error?.code).toBe("cancelled");
    expect(await reservedGpus(handle.db, op.target.id)).toEqual({});
    cp.setDown(false);
  });

  it("marks a failed launch failed, with the reason and what was released", async () => {
    cp = await installSimulator(handle.db, { failures: { targets: ["theta"] } });
    const op = await launchCluster(cp.controlPlane, acme.as.developer, "acme", twoPools("theta"));
    await cp.settle();
    const cluster = await getCluster(cp.controlPlane, acme.as.developer, "acme", op.target.id);
    expect(cluster.status).toBe("failed");
    expect(cluster.failureReason).toMatch(/health check/);
    expect(cluster.released).toMatchObject({ nodes: 3, gpus: 8 });
    expect(await reservedGpus(handle.db, op.target.id)).toEqual({});
    const failed = await getOperation(acme.as.developer, "acme", op.id);
    expect(failed).toMatchObject({ status: "failed", error: { code: "provisioning_failed" } });
    // A failed cluster can be deleted.
    const del = await deleteCluster(cp.controlPlane, acme.as.developer, "acme", op.target.id);
    await cp.settle();
    expect((await getOperation(acme.as.developer, "acme", del.id)).status).toBe("succeeded");
  });

  it("scales a pool and changes its autoscaling bounds as one idempotent, audited operation", async () => {
    const { cluster } = await runningCluster("iota");
    const gpu = cluster.nodePools.find((p) => p.name === "gpu")!;
    const op = await updateNodePool(cp.controlPlane, acme.as.developer, "acme", cluster.id, gpu.id, { count: 2 }, { idempotencyKey: "scale-iota" });
    const repeat = await updateNodePool(cp.controlPlane, acme.as.developer, "acme", cluster.id, gpu.id, { count: 2 }, { idempotencyKey: "scale-iota" });
    expect(repeat.id).toBe(op.id);
    expect(op).toMatchObject({ kind: "cluster.scale_pool", request: { from: 1, count: 2 } });
    expect((await getCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id)).status).toBe("updating");
    expect(await reservedGpus(handle.db, cluster.id)).toEqual({ H100: 16 });
    // One change at a time.
    expect((await errorOf(updateNodePool(cp.controlPlane, acme.as.developer, "acme", cluster.id, gpu.id, { count: 1 }))).code).toBe("conflict");
    await cp.settle();
    const after = await getCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id);
    expect(after.status).toBe("running");
    expect(after.nodePools.find((p) => p.id === gpu.id)!.count).toBe(2);
    expect(after.nodes!.filter((n) => n.poolId === gpu.id)).toHaveLength(2);

    const bounds = await updateNodePool(cp.controlPlane, acme.as.developer, "acme", cluster.id, gpu.id, { autoscaling: { min: 1, max: 1 } });
    await cp.settle();
    expect((await getOperation(acme.as.developer, "acme", bounds.id)).status).toBe("succeeded");
    const scaledDown = await getCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id);
    expect(scaledDown.nodePools.find((p) => p.id === gpu.id)).toMatchObject({ count: 1, autoscaling: { min: 1, max: 1 } });
    expect(await reservedGpus(handle.db, cluster.id)).toEqual({ H100: 8 });
    expect((await errorOf(updateNodePool(cp.controlPlane, acme.as.developer, "acme", cluster.id, gpu.id, { count: 3 }))).details).toMatchObject({ field: "count" });
    const audit = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, cluster.id), eq(auditEvents.action, "cluster.node_pool.scale")));
    expect(audit).toHaveLength(2);
    // Over quota on scale-up names the field too: a limit of exactly what the org holds now.
    const [held] = await handle.db.select({ gpus: sql<number>`sum(gpus)::int` }).from(gpuReservations).where(and(eq(gpuReservations.orgId, acme.orgId), eq(gpuReservations.gpuModel, "H100")));
    await handle.db.update(quotaLimits).set({ gpus: held.gpus }).where(and(eq(quotaLimits.orgId, acme.orgId), eq(quotaLimits.gpuModel, "H100")));
    expect(await errorOf(updateNodePool(cp.controlPlane, acme.as.developer, "acme", cluster.id, gpu.id, { count: 3, autoscaling: null }))).toMatchObject({ code: "quota_exceeded", details: { field: "count" } });
    await handle.db.update(quotaLimits).set({ gpus: 1000 }).where(and(eq(quotaLimits.orgId, acme.orgId), eq(quotaLimits.gpuModel, "H100")));
  });

  it("adds and removes pools, and upgrades one minor version at a time", async () => {
    const { cluster } = await runningCluster("kappa");
    const add = await addNodePool(cp.controlPlane, acme.as.developer, "acme", cluster.id, { name: "inference", shapeId: "l40s-1x", count: 2 });
    expect(add.kind).toBe("cluster.add_pool");
    await cp.settle();
    let now = await getCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id);
    const inference = now.nodePools.find((p) => p.name === "inference")!;
    expect(inference).toMatchObject({ status: "active", count: 2 });
    expect(await reservedGpus(handle.db, cluster.id)).toEqual({ H100: 8, L40S: 2 });

    await removeNodePool(cp.controlPlane, acme.as.developer, "acme", cluster.id, inference.id);
    await cp.settle();
    now = await getCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id);
    expect(now.nodePools.map((p) => p.name)).toEqual(["system", "gpu"]);
    expect(await reservedGpus(handle.db, cluster.id)).toEqual({ H100: 8 });

    expect(await errorOf(upgradeCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id, { kubernetesVersion: "1.35" }))).toMatchObject({ code: "business_rule", details: { field: "kubernetesVersion", allowed: "1.37" } });
    await upgradeCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id, { kubernetesVersion: "1.37" });
    await cp.settle();
    now = await getCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id);
    expect(now.kubernetesVersion).toBe("1.37");
    expect(now.upgradeAvailable).toBeNull();
    const history = await listOperations(acme.as.viewer, "acme", { targetId: cluster.id });
    expect(history.items.map((o) => o.kind)).toEqual(["cluster.upgrade", "cluster.remove_pool", "cluster.add_pool", "cluster.create"]);
  });

  it("deletes a cluster and releases what it held", async () => {
    const { cluster } = await runningCluster("lambda");
    const op = await deleteCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id, { idempotencyKey: "del-lambda" });
    expect((await deleteCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id, { idempotencyKey: "del-lambda" })).id).toBe(op.id);
    expect((await getCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id)).status).toBe("deleting");
    await cp.settle();
    const gone = await getCluster(cp.controlPlane, acme.as.developer, "acme", cluster.id);
    expect(gone.status).toBe("deleted");
    expect(gone.deletedAt).not.toBeNull();
    expect(await reservedGpus(handle.db, cluster.id)).toEqual({});
    const list = await listClusters(acme.as.developer, "acme", { limit: 200 });
    expect(list.items.map((c) => c.id)).not.toContain(cluster.id);
    expect((await listClusters(acme.as.developer, "acme", { status: "deleted" })).items.map((c) => c.id)).toContain(cluster.id);
  });

  it("keeps other orgs' clusters invisible (404) and viewers read-only (403)", async () => {
    const { cluster } = await runningCluster("mu");
    const pool = cluster.nodePools[0];
    const createOp = (await listOperations(acme.as.viewer, "acme", { targetId: cluster.id })).items[0].id;
    // Thunks: each call starts only when awaited (no rejection is left unhandled meanwhile).
    for (const attempt of [
      () => getCluster(cp.controlPlane, other.as.owner, "acme", cluster.id),
      () => getCluster(cp.controlPlane, other.as.owner, "other", cluster.id),
      () => updateNodePool(cp.controlPlane, other.as.owner, "other", cluster.id, pool.id, { count: 3 }),
      () => deleteCluster(cp.controlPlane, other.as.owner, "other", cluster.id),
      () => getOperation(other.as.owner, "other", createOp),
    ]) {
      expect((await errorOf(attempt())).code).toBe("not_found");
    }
    expect((await listClusters(other.as.owner, "other")).items.map((c) => c.id)).not.toContain(cluster.id);
    for (const attempt of [
      () => launchCluster(cp.controlPlane, acme.as.viewer, "acme", twoPools("nu")),
      () => updateNodePool(cp.controlPlane, acme.as.viewer, "acme", cluster.id, pool.id, { count: 3 }),
      () => addNodePool(cp.controlPlane, acme.as.billing, "acme", cluster.id, { name: "x", shapeId: "cpu-16", count: 1 }),
      () => removeNodePool(cp.controlPlane, acme.as.viewer, "acme", cluster.id, pool.id),
      () => upgradeCluster(cp.controlPlane, acme.as.viewer, "acme", cluster.id, { kubernetesVersion: "1.37" }),
      () => deleteCluster(cp.controlPlane, acme.as.viewer, "acme", cluster.id),
    ]) {
      expect((await errorOf(attempt())).code).toBe("forbidden");
    }
    expect(await getOperation(acme.as.viewer, "acme", createOp)).toMatchObject({ id: createOp, status: "succeeded" });
    expect((await getCluster(cp.controlPlane, acme.as.viewer, "acme", cluster.id)).id).toBe(cluster.id);
  });

  it("prices the wizard's choices at list and contract price", async () => {
    const draft = twoPools("xi");
    const list = await preflightCluster(await getControlPlane(), acme.as.developer, "acme", draft);
    expect(list.quote).toMatchObject({ listPerHour: 20 + 120 + 7200, listPerMonth: (20 + 120 + 7200) * 730, contractPerHour: null });
    expect(list.pools.map((p) => p.fits)).toEqual([true, true]);
    expect(list.quota).toEqual([expect.objectContaining({ gpuModel: "H100", requested: 8 })]);
    await saveContract(handle.db, other.orgId, { discountPercent: 10, discountByGpuModel: { H100: 20 }, effectiveFrom: "2020-01-01" });
    const contract = await preflightCluster(await getControlPlane(), other.as.developer, "other", { ...draft, zoneId: "jp-osaka-1a", nodePools: [{ name: "gpu", shapeId: "b200-8x", count: 1 }, { name: "h", shapeId: "h100-8x", count: 0 }] });
    expect(contract.quote.listPerHour).toBe(20 + 13600);
    expect(contract.quote.contractPerHour).toBe(18 + 13600 * 0.9);
    expect(contract.quote.discountPercent).toBe(10);
  });

  it("lists with filters, sorts and keyset pagination", async () => {
    const names = ["pg-a", "pg-b", "pg-c"];
    for (const name of names) await launchCluster(cp.controlPlane, acme.as.developer, "acme", { ...twoPools(name), nodePools: [{ name: "cpu", shapeId: "cpu-16", count: 1 }] });
    const first = await listClusters(acme.as.viewer, "acme", { q: "pg-", limit: 2, sort: "name_asc" });
    expect(first.items.map((c) => c.name)).toEqual(["pg-a", "pg-b"]);
    const second = await listClusters(acme.as.viewer, "acme", { q: "pg-", limit: 2, sort: "name_asc", cursor: first.nextCursor! });
    expect(second.items.map((c) => c.name)).toEqual(["pg-c"]);
    expect(second.nextCursor).toBeNull();
    const newest = await listClusters(acme.as.viewer, "acme", { q: "pg-", limit: 1 });
    expect(newest.items[0].name).toBe("pg-c");
    expect((await listClusters(acme.as.billing, "acme", { q: "pg-", limit: 1 })).items[0].costThisMonth).toMatchObject({ currency: "JPY", source: "estimated" });
    expect((await listClusters(acme.as.viewer, "acme", { regionId: "jp-osaka-1" })).items).toEqual([]);
    expect((await errorOf(listClusters(acme.as.viewer, "acme", { cursor: "nonsense" }))).code).toBe("bad_request");
  });

  it("shows what a cluster cost this month only to roles that may see spend (billing.read)", async () => {
    const { cluster } = await runningCluster("spend-check");
    for (const role of ["owner", "admin", "billing"] as const) {
      const listed = (await listClusters(acme.as[role], "acme", { q: "spend-check" })).items[0];
      expect(listed.costThisMonth, role).toMatchObject({ currency: "JPY" });
      expect((await getCluster(cp.controlPlane, acme.as[role], "acme", cluster.id)).costThisMonth, role).toMatchObject({ currency: "JPY" });
    }
    for (const role of ["developer", "viewer"] as const) {
      const listed = (await listClusters(acme.as[role], "acme", { q: "spend-check" })).items[0];
      expect(listed.name).toBe("spend-check");
      expect(listed.costThisMonth, role).toBeNull();
      expect((await getCluster(cp.controlPlane, acme.as[role], "acme", cluster.id)).costThisMonth, role).toBeNull();
    }
  });
});
