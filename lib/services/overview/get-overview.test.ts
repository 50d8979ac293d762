import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { setControlPlane } from "@/lib/control-plane";
import { installSimulator } from "../clusters/testing";
import { launchCluster } from "../clusters/launch-cluster";
import { orgWithRoles } from "../testing/fixtures";
import { getOverview } from "./get-overview";

describe("organization overview", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let sim: Awaited<ReturnType<typeof installSimulator>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    sim = await installSimulator(handle.db);
    acme = await orgWithRoles(handle.db, "acme");
    await launchCluster(sim.controlPlane, acme.as.developer, "acme", {
      name: "train",
      zoneId: "jp-tokyo-1a",
      kubernetesVersion: "1.37",
      controlPlane: "single",
      nodePools: [{ name: "gpu", shapeId: "h100-8x", count: 1 }],
    });
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await sim.sim.close();
    await handle.close();
  });

  it("shows a launch in progress, then running with its GPUs counted against quota", async () => {
    const during = await getOverview(acme.as.owner, "acme");
    expect(during.resources.clusters).toEqual({ running: 0, inProgress: 1, failed: 0 });
    expect(during.resources.items[0]).toMatchObject({ name: "train", status: "provisioning", gpus: 8 });
    expect(during.gpus).toEqual([expect.objectContaining({ regionId: "jp-tokyo-1", gpuModel: "H100", inUse: 8, limit: 16 })]);

    await sim.settle();
    const after = await getOverview(acme.as.owner, "acme");
    expect(after.resources.clusters.running).toBe(1);
    expect(after.residency).toEqual([expect.objectContaining({ name: "train", status: "pending" })]);
    expect(after.operations[0]).toMatchObject({ kind: "cluster.create", status: "succeeded" });
    expect(after.controlPlane.status).toBe("ok");
  });

  it("shows money only to roles that may see it", async () => {
    expect((await getOverview(acme.as.owner, "acme")).spend).toMatchObject({ monthToDateJpy: expect.any(Number) });
    expect((await getOverview(acme.as.billing, "acme")).spend).not.toBeNull();
    expect((await getOverview(acme.as.developer, "acme")).spend).toBeNull();
    expect((await getOverview(acme.as.viewer, "acme")).spend).toBeNull();
  });

  it("says whether the control plane is up, without its implementation or error text (that is for staff)", async () => {
    for (const role of ["owner", "viewer"] as const) {
      const { controlPlane } = await getOverview(acme.as[role], "acme");
      expect(controlPlane, role).toEqual({ status: expect.stringMatching(/^(ok|down)$/) });
    }
  });

  it("is a 404 for another org", async () => {
    const other = await orgWithRoles(handle.db, "other");
    await expect(getOverview(other.as.owner, "acme")).rejects.toMatchObject({ code: "not_found" });
  });
});
