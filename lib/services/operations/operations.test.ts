import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { operations, quotaLimits } from "@/lib/db/schema";
import { setControlPlane, type ControlPlane } from "@/lib/control-plane";
import { AppError } from "@/lib/domain/errors";
import { orgWithRoles } from "../testing/fixtures";
import { getCluster } from "../clusters/get-cluster";
import { launchCluster } from "../clusters/launch-cluster";
import { installSimulator } from "../clusters/testing";
import { createEndpoint } from "../endpoints/create-endpoint";
import { getEndpoint } from "../endpoints/get-endpoint";
import { getOperation, listOperations } from "./list-operations";
import { runOperations } from "./run-operations";
import { onOperationRecorded } from "./wake-runner";

// The one operations engine, across resource kinds: reads never submit, one retry rule, one
// list, and the runner is woken by a new operation.

const cluster = (name: string) => ({
  name,
  zoneId: "jp-tokyo-1a",
  kubernetesVersion: "1.36",
  controlPlane: "single" as const,
  nodePools: [{ name: "gpu", shapeId: "h100-8x", count: 1 }],
});
const endpoint = (name: string) => ({ name, modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 1, maxReplicas: 1 });

describe("operations engine", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let cp: Awaited<ReturnType<typeof installSimulator>>;
  const later = () => new Date(Date.now() + 10 * 60_000);

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme-ops");
    await handle.db.insert(quotaLimits).values({ orgId: acme.orgId, regionId: "jp-tokyo-1", gpuModel: "H100", gpus: 100 });
  });
  beforeEach(async () => {
    cp = await installSimulator(handle.db);
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  it("never submits from a viewer's poll: a pending create waits for the runner", async () => {
    cp.setDown(true);
    const op = await launchCluster(cp.controlPlane, acme.as.developer, acme.slug, cluster("poll-only"));
    expect(op).toMatchObject({ status: "pending", attempts: 1 });
    cp.setDown(false);
    // The backoff has run out: the operation is due, and only the runner may send it.
    await handle.db.update(operations).set({ nextAttemptAt: sql`now() - interval '1 minute'` }).where(eq(operations.id, op.id));
    for (let i = 0; i < 3; i++) {
      expect((await getCluster(cp.controlPlane, acme.as.viewer, acme.slug, op.target.id)).status).toBe("provisioning");
      expect(await getOperation(acme.as.viewer, acme.slug, op.id)).toMatchObject({ status: "pending", attempts: 1 });
      await listOperations(acme.as.viewer, acme.slug, { targetId: op.target.id });
    }
    await expect(cp.sim.getCluster(op.target.id)).rejects.toMatchObject({ code: "not_found" });

    await runOperations(handle.db, cp.controlPlane, { now: later() });
    expect(await getOperation(acme.as.viewer, acme.slug, op.id)).toMatchObject({ status: "running", attempts: 2 });
    expect((await cp.sim.getCluster(op.target.id)).id).toBe(op.target.id);
  });

  it("treats a rate limit as temporary for every kind: an endpoint order is kept and sent later", async () => {
    let limited = true;
    const busy: ControlPlane = Object.create(cp.controlPlane);
    busy.createEndpoint = async (spec, key) => {
      if (limited) throw new AppError("rate_limited", "slow down");
      return cp.controlPlane.createEndpoint(spec, key);
    };
    setControlPlane(busy);
    const created = await createEndpoint(busy, acme.as.developer, acme.slug, endpoint("rate-limited"));
    expect(created.status).toBe("provisioning");
    const [row] = await handle.db.select().from(operations).where(and(eq(operations.targetId, created.id), eq(operations.kind, "endpoint.create")));
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "slow down" });
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());

    limited = false;
    await runOperations(handle.db, busy, { now: later() });
    const [after] = await handle.db.select().from(operations).where(eq(operations.id, row.id));
    expect(after.status).not.toBe("pending");
    expect(after.attempts).toBe(2);
    expect((await getEndpoint(acme.as.viewer, acme.slug, created.id)).status).not.toBe("deleted");
  });

  it("lists every kind in one place, filtered by kind and by resource", async () => {
    const op = await launchCluster(cp.controlPlane, acme.as.developer, acme.slug, cluster("listed"));
    const ep = await createEndpoint(cp.controlPlane, acme.as.developer, acme.slug, endpoint("listed-ep"));
    const all = await listOperations(acme.as.viewer, acme.slug, { limit: 200 });
    expect(all.items.map((o) => o.id)).toEqual(expect.arrayContaining([op.id, ep.operation!.id]));
    const endpointsOnly = await listOperations(acme.as.viewer, acme.slug, { targetKind: "endpoint", limit: 200 });
    expect(endpointsOnly.items.length).toBeGreaterThan(0);
    expect(endpointsOnly.items.every((o) => o.target.kind === "endpoint")).toBe(true);
    const one = await listOperations(acme.as.viewer, acme.slug, { targetId: ep.id });
    expect(one.items).toEqual([expect.objectContaining({ id: ep.operation!.id, kind: "endpoint.create", target: { kind: "endpoint", id: ep.id, name: "listed-ep" } })]);
    const other = await orgWithRoles(handle.db, "other-ops");
    await expect(getOperation(other.as.owner, other.slug, op.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("wakes the runner in this process as soon as an operation is recorded", async () => {
    let woken = 0;
    onOperationRecorded(() => woken++);
    await launchCluster(cp.controlPlane, acme.as.developer, acme.slug, cluster("wakes"));
    expect(woken).toBeGreaterThan(0);
  });
});
