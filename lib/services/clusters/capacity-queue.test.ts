import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, clusters, operations, quotaLimits } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import type { CreateClusterDraft } from "@/lib/domain/clusters";
import { orgWithRoles } from "../testing/fixtures";
import { cancelQueuedOperation } from "../operations/cancel-queued-operation";
import { getOperation } from "../operations/list-operations";
import { runCapacityQueue } from "../operations/run-capacity-queue";
import { queuedOrderViews } from "../operations/queued-order-view";
import { listQueuedOrders } from "../operations/list-queued-orders";
import { deleteCluster } from "./delete-cluster";
import { getCluster } from "./get-cluster";
import { launchCluster } from "./launch-cluster";
import { installSimulator, reservedGpus } from "./testing";
import { updateNodePool } from "./update-node-pool";

// The capacity queue (空き待ち) for launches and scale-ups: all-or-nothing, in order of arrival
// within a zone, a deadline, cancelling, the order's checks again at start, and two instances
// of the queue's round starting an order once. The fleet: 4 H200 nodes in jp-tokyo-1a.

const ZONE = "jp-tokyo-1a";
const h200 = (name: string, count: number, queue?: CreateClusterDraft["queue"]): CreateClusterDraft => ({
  name,
  zoneId: ZONE,
  kubernetesVersion: "1.36",
  controlPlane: "single",
  nodePools: [{ name: "gpu", shapeId: "h200-8x", count }],
  ...(queue ? { queue } : {}),
});

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; details?: Record<string, unknown> };
  }
  throw new Error("expected an error");
}

describe("capacity queue (空き待ち)", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let beta: Awaited<ReturnType<typeof orgWithRoles>>;
  let cp: Awaited<ReturnType<typeof installSimulator>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    beta = await orgWithRoles(handle.db, "beta");
    for (const org of [acme, beta]) await handle.db.insert(quotaLimits).values({ orgId: org.orgId, regionId: "jp-tokyo-1", gpuModel: "H200", gpus: 400 });
  });
  beforeEach(async () => {
    // Earlier tests' orders would compete for the fleet: each test starts from an empty queue.
    await handle.db.execute(sql`update operations set status = 'cancelled' where status in ('queued', 'pending', 'running')`);
    await handle.db.execute(sql`update clusters set status = 'deleted' where status <> 'deleted'`);
    cp = await installSimulator(handle.db, { fleet: [{ regionId: "jp-tokyo-1", shapeId: "h200-8x", count: 8, unit: "node" }] });
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  /** Launches and waits until it runs (the zone's nodes are then taken). */
  async function running(org: typeof acme, name: string, count: number) {
    const op = await launchCluster(cp.controlPlane, org.as.developer, org.slug, h200(name, count));
    await cp.settle();
    expect((await getOperation(org.as.developer, org.slug, op.id)).status).toBe("succeeded");
    return op.target.id;
  }

  /** Deletes a cluster and lets the control plane give its nodes back. */
  async function free(org: typeof acme, clusterId: string) {
    await deleteCluster(cp.controlPlane, org.as.developer, org.slug, clusterId);
    await cp.settle();
    await cp.settle();
  }

  const statusOf = async (org: typeof acme, id: string) => (await getOperation(org.as.developer, org.slug, id)).status;

  it("queues a launch that does not fit instead of refusing it, holding nothing while it waits", async () => {
    const full = await running(acme, "full", 4);
    expect(await errorOf(launchCluster(cp.controlPlane, acme.as.developer, "acme", h200("refused", 2)))).toMatchObject({ code: "capacity_unavailable" });

    const op = await launchCluster(cp.controlPlane, acme.as.developer, "acme", h200("waiting", 2, {}));
    expect(op).toMatchObject({ status: "queued", currentStep: "waiting_for_capacity", kind: "cluster.create" });
    const cluster = await getCluster(cp.controlPlane, acme.as.developer, "acme", op.target.id);
    expect(cluster.status).toBe("queued");
    expect(await reservedGpus(handle.db, op.target.id)).toEqual({});
    // Nothing was sent to the control plane, and the runner leaves it alone.
    await cp.settle();
    expect(await statusOf(acme, op.id)).toBe("queued");
    expect(await runCapacityQueue(handle.db, cp.controlPlane)).toMatchObject({ started: [], waiting: 1 });

    await free(acme, full);
    expect(await runCapacityQueue(handle.db, cp.controlPlane)).toMatchObject({ started: [op.id] });
    expect(await reservedGpus(handle.db, op.target.id)).toEqual({ H200: 16 });
    await cp.settle();
    expect(await statusOf(acme, op.id)).toBe("succeeded");
    expect((await getCluster(cp.controlPlane, acme.as.developer, "acme", op.target.id)).status).toBe("running");
    const audit = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, op.target.id), eq(auditEvents.action, "cluster.queue_started")));
    expect(audit).toHaveLength(1);
  });

  it("starts in order of arrival within the zone, all or nothing: a small order does not overtake a large one", async () => {
    const a = await running(acme, "hold-a", 3);
    const b = await running(beta, "hold-b", 1);
    const big = await launchCluster(cp.controlPlane, beta.as.developer, "beta", h200("big", 4, {}));
    const small = await launchCluster(cp.controlPlane, acme.as.developer, "acme", h200("small", 1, {}));
    expect([big.status, small.status]).toEqual(["queued", "queued"]);

    // One node frees: the small order would fit, but the big one arrived first and needs four.
    await free(beta, b);
    expect(await runCapacityQueue(handle.db, cp.controlPlane)).toMatchObject({ started: [], waiting: 2 });
    expect(await statusOf(acme, small.id)).toBe("queued");

    // All four free: the big one gets its four nodes at once; the small one waits on for room.
    await free(acme, a);
    expect(await runCapacityQueue(handle.db, cp.controlPlane)).toMatchObject({ started: [big.id], waiting: 1 });
    await cp.settle();
    expect(await statusOf(beta, big.id)).toBe("succeeded");
    expect(await statusOf(acme, small.id)).toBe("queued");

    await free(beta, big.target.id);
    expect(await runCapacityQueue(handle.db, cp.controlPlane)).toMatchObject({ started: [small.id] });
  });

  it("gives up at its deadline with a clear reason; a deadline in the past or too far ahead is refused", async () => {
    await running(acme, "blocker", 4);
    const deadline = new Date(Date.now() + 3_600_000).toISOString();
    const op = await launchCluster(cp.controlPlane, acme.as.developer, "acme", h200("late", 1, { deadline }));
    expect(op.status).toBe("queued");
    expect(await runCapacityQueue(handle.db, cp.controlPlane, { now: new Date(Date.now() + 1_800_000) })).toMatchObject({ expired: [], waiting: 1 });
    expect(await runCapacityQueue(handle.db, cp.controlPlane, { now: new Date(Date.parse(deadline) + 1) })).toMatchObject({ expired: [op.id] });
    const after = await getOperation(acme.as.developer, "acme", op.id);
    expect(after).toMatchObject({ status: "failed", error: { code: "queue_deadline_passed" } });
    expect(after.error!.message).toContain(deadline);
    const cluster = await getCluster(cp.controlPlane, acme.as.developer, "acme", op.target.id);
    expect(cluster).toMatchObject({ status: "failed" });
    // A deadline in the past, or too far ahead, is refused at once.
    for (const bad of [new Date(Date.now() - 1000).toISOString(), new Date(Date.now() + 40 * 86_400_000).toISOString()]) {
      expect(await errorOf(launchCluster(cp.controlPlane, acme.as.developer, "acme", h200("bad-deadline", 1, { deadline: bad })))).toMatchObject({ code: "validation_failed", details: { field: "queue.deadline" } });
    }
  });

  it("can be cancelled by who may change clusters; not by a viewer, not from another org, not once started", async () => {
    await running(acme, "occupant", 4);
    const op = await launchCluster(cp.controlPlane, acme.as.developer, "acme", h200("withdrawn", 2, {}));
    expect(await errorOf(cancelQueuedOperation(acme.as.viewer, "acme", op.id))).toMatchObject({ code: "forbidden" });
    expect(await errorOf(cancelQueuedOperation(beta.as.owner, "beta", op.id))).toMatchObject({ code: "not_found" });
    const cancelled = await cancelQueuedOperation(acme.as.developer, "acme", op.id);
    expect(cancelled).toMatchObject({ status: "cancelled", error: { code: "cancelled" } });
    expect(await cancelQueuedOperation(acme.as.developer, "acme", op.id)).toMatchObject({ status: "cancelled" });
    const [row] = await handle.db.select().from(clusters).where(eq(clusters.id, op.target.id));
    expect(row.status).toBe("deleted");
    expect((await launchCluster(cp.controlPlane, acme.as.developer, "acme", h200("withdrawn", 2, {}))).status).toBe("queued");
    const audit = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "operation.cancel")));
    expect(audit.map((a) => a.targetId)).toContain(op.target.id);

    const started = await launchCluster(cp.controlPlane, beta.as.developer, "beta", { ...h200("elsewhere", 1), zoneId: "jp-tokyo-1b" });
    expect(await errorOf(cancelQueuedOperation(beta.as.developer, "beta", started.id))).toMatchObject({ code: "conflict" });
  });

  it("runs the order's own checks again at start: a quota lowered while it waited fails it, naming the quota", async () => {
    const blocker = await running(beta, "quota-blocker", 4);
    const op = await launchCluster(cp.controlPlane, acme.as.developer, "acme", h200("over-quota", 2, {}));
    await handle.db.update(quotaLimits).set({ gpus: 8 }).where(and(eq(quotaLimits.orgId, acme.orgId), eq(quotaLimits.gpuModel, "H200")));
    try {
      await free(beta, blocker);
      await runCapacityQueue(handle.db, cp.controlPlane);
      expect(await getOperation(acme.as.developer, "acme", op.id)).toMatchObject({ status: "failed", error: { code: "quota_exceeded" } });
      expect(await reservedGpus(handle.db, op.target.id)).toEqual({});
    } finally {
      await handle.db.update(quotaLimits).set({ gpus: 400 }).where(and(eq(quotaLimits.orgId, acme.orgId), eq(quotaLimits.gpuModel, "H200")));
    }
  });

  it("queues a scale-up all or nothing: the pool keeps its nodes while it waits, then gets all it asked for", async () => {
    const clusterId = await running(acme, "grow", 1);
    const other = await running(beta, "neighbour", 3);
    const [pool] = (await getCluster(cp.controlPlane, acme.as.developer, "acme", clusterId)).nodePools;
    expect(await errorOf(updateNodePool(cp.controlPlane, acme.as.developer, "acme", clusterId, pool.id, { count: 3 }))).toMatchObject({ code: "capacity_unavailable" });
    const op = await updateNodePool(cp.controlPlane, acme.as.developer, "acme", clusterId, pool.id, { count: 3, queue: {} });
    expect(op).toMatchObject({ status: "queued", kind: "cluster.scale_pool" });
    expect(await reservedGpus(handle.db, clusterId)).toEqual({ H200: 8 });
    // One node frees: two are needed, so it waits on.
    const [otherPool] = (await getCluster(cp.controlPlane, beta.as.developer, "beta", other)).nodePools;
    await updateNodePool(cp.controlPlane, beta.as.developer, "beta", other, otherPool.id, { count: 2 });
    await cp.settle();
    await cp.settle();
    expect(await runCapacityQueue(handle.db, cp.controlPlane)).toMatchObject({ started: [], waiting: 1 });
    await free(beta, other);
    expect(await runCapacityQueue(handle.db, cp.controlPlane)).toMatchObject({ started: [op.id] });
    expect(await reservedGpus(handle.db, clusterId)).toEqual({ H200: 24 });
    await cp.settle();
    expect(await statusOf(acme, op.id)).toBe("succeeded");
    const cluster = await getCluster(cp.controlPlane, acme.as.developer, "acme", clusterId);
    expect(cluster.nodePools[0].count).toBe(3);
    expect(cluster.status).toBe("running");
  });

  it("an order that asked to wait goes back to its place when the control plane gives its room to someone else first", async () => {
    cp.setDown(true);
    const patient = await launchCluster(cp.controlPlane, acme.as.developer, "acme", h200("patient", 3, {}));
    expect(patient.status).toBe("pending");
    cp.setDown(false);
    await running(beta, "first-come", 2);
    await cp.settle();
    const after = await getOperation(acme.as.developer, "acme", patient.id);
    expect(after).toMatchObject({ status: "queued", currentStep: "waiting_for_capacity" });
    expect((await getCluster(cp.controlPlane, acme.as.developer, "acme", patient.target.id)).status).toBe("queued");
    expect(await reservedGpus(handle.db, patient.target.id)).toEqual({});
  });

  it("states its place and an estimated start from reservations ending and the release rate, and follows the queue as it changes", async () => {
    const beforeOps = await handle.db.select().from(operations).where(eq(operations.status, "queued"));
    expect(beforeOps).toHaveLength(0);
    const holder = await running(beta, "on-demand", 2);
    // Another customer's reservation holds the other two machines for two hours from now.
    const start = cp.clock.now();
    await cp.sim.createReservation({ tenantId: "org_elsewhere", reservationId: "rsv_schedule", shapeId: "h200-8x", zoneId: ZONE, count: 2, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3_600_000).toISOString() });
    const first = await launchCluster(cp.controlPlane, acme.as.developer, "acme", h200("first-in-line", 2, {}));
    const second = await launchCluster(cp.controlPlane, beta.as.developer, "beta", h200("second-in-line", 1, {}));
    const view = async (org: typeof acme, id: string) => {
      const [row] = await handle.db.select().from(operations).where(eq(operations.id, id));
      return (await queuedOrderViews(handle.db, cp.controlPlane, [row], new Date(cp.clock.now())))[0];
    };

    // Nothing is free; the reservation's two machines come back at its end: the first in line starts then.
    expect(await view(acme, first.id)).toMatchObject({ position: 1, ordersAhead: 0, estimatedStartAt: new Date(start + 2 * 3_600_000).toISOString(), estimateBasis: { availableNow: 0, aheadInQueue: 0, knownReleases: 2, observedReleasesPerHour: "0.00" } });
    // The second needs one more than that release and nothing has been released lately: no honest estimate.
    expect(await view(beta, second.id)).toMatchObject({ position: 2, ordersAhead: 1, estimatedStartAt: null, estimateBasis: { aheadInQueue: 2, knownReleases: 2 } });
    // The org's list shows its own orders only, with the same numbers.
    expect((await listQueuedOrders(cp.controlPlane, acme.as.viewer, "acme")).items.map((o) => o.operationId)).toEqual([first.id]);

    // The on-demand cluster goes: two machines free now, the first starts, the second moves up.
    await free(beta, holder);
    expect(await runCapacityQueue(handle.db, cp.controlPlane)).toMatchObject({ started: [first.id] });
    const moved = await view(beta, second.id);
    expect(moved).toMatchObject({ position: 1, ordersAhead: 0, estimateBasis: { availableNow: 0, aheadInQueue: 0, knownReleases: 2 } });
    expect(Number(moved.estimateBasis.observedReleasesPerHour)).toBeGreaterThan(0);
    // With releases observed at ~2 a day, one machine is expected well before the reservation's end.
    expect(Date.parse(moved.estimatedStartAt!)).toBeLessThanOrEqual(start + 2 * 3_600_000);
    expect(Date.parse(moved.estimatedStartAt!)).toBeGreaterThan(cp.clock.now());
    await cancelQueuedOperation(beta.as.developer, "beta", second.id);
  });

  it("two instances running the queue at once start a queued order once", async () => {
    const blocker = await running(beta, "contended", 4);
    const first = await launchCluster(cp.controlPlane, acme.as.developer, "acme", h200("first", 3, {}));
    const second = await launchCluster(cp.controlPlane, beta.as.developer, "beta", h200("second", 3, {}));
    await free(beta, blocker);
    const rounds = await Promise.all([runCapacityQueue(handle.db, cp.controlPlane), runCapacityQueue(handle.db, cp.controlPlane)]);
    expect(rounds.flatMap((r) => r.started)).toEqual([first.id]);
    expect(await statusOf(beta, second.id)).toBe("queued");
    const starts = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, first.target.id), eq(auditEvents.action, "cluster.queue_started")));
    expect(starts).toHaveLength(1);
    const [op] = await handle.db.select().from(operations).where(eq(operations.id, first.id));
    expect(op.attempts).toBe(1);
    await cp.settle();
    expect(await statusOf(acme, first.id)).toBe("succeeded");
  });
});
