import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { auditEvents } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import { REGIONS } from "@/lib/domain/catalog";
import { POLICY_EXCLUDES_RUNNING } from "@/lib/domain/residency-policy";
import { orgWithRoles } from "../testing/fixtures";
import { installSimulator, runningCluster } from "../attestations/testing";
import { getResidencyPolicy } from "./get-residency-policy";
import { assertResidencyAllowed } from "./residency-policy";
import { updateResidencyPolicy } from "./update-residency-policy";
import { processControlPlane } from "@/lib/services/process-control-plane";

describe("residency policy", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let sim: Awaited<ReturnType<typeof installSimulator>>["sim"];
  let tokyo: { id: string; name: string };

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    ({ sim } = await installSimulator(handle.db));
    tokyo = await runningCluster(sim, acme.orgId, { name: "prod-training" });
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await sim.close();
    await handle.close();
  });

  it("allows all of Japan until someone sets it, and everyone in the org can read it", async () => {
    expect(await getResidencyPolicy(acme.as.viewer, "acme")).toEqual({ allowedRegions: REGIONS.map((r) => r.id), isDefault: true, updatedAt: null, updatedBy: null });
    await expect(assertResidencyAllowed(handle.db, acme.orgId, "jp-hokkaido-1")).resolves.toBeUndefined();
  });

  it("is changed by owners and admins only, with valid regions", async () => {
    for (const role of ["developer", "billing", "viewer"] as const) {
      await expect(updateResidencyPolicy(await processControlPlane(), acme.as[role], "acme", { allowedRegions: ["jp-tokyo-1"] })).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(updateResidencyPolicy(await processControlPlane(), acme.as.owner, "acme", { allowedRegions: [] })).rejects.toMatchObject({ name: "ZodError" });
    await expect(updateResidencyPolicy(await processControlPlane(), acme.as.owner, "acme", { allowedRegions: ["us-east-1"] })).rejects.toMatchObject({ name: "ZodError" });
    await expect(updateResidencyPolicy(await processControlPlane(), acme.as.owner, "acme", { allowedRegions: ["jp-tokyo-1", "jp-tokyo-1"] })).rejects.toMatchObject({ name: "ZodError" });
  });

  it("refuses a change that would exclude running resources, naming them, and changes nothing", async () => {
    const refusal = await updateResidencyPolicy(await processControlPlane(), acme.as.owner, "acme", { allowedRegions: ["jp-osaka-1", "jp-hokkaido-1"] }).catch((e) => e);
    expect(refusal).toMatchObject({
      code: "business_rule",
      details: { reason: POLICY_EXCLUDES_RUNNING, field: "allowedRegions", resources: [{ id: tokyo.id, kind: "cluster", name: "prod-training", regionId: "jp-tokyo-1", status: "running" }] },
    });
    expect(refusal.message).toContain("prod-training");
    expect((await getResidencyPolicy(acme.as.owner, "acme")).isDefault).toBe(true);
  });

  it("narrows the policy (audited), and launches outside it are refused before anything is created", async () => {
    const updated = await updateResidencyPolicy(await processControlPlane(), acme.as.admin, "acme", { allowedRegions: ["jp-osaka-1", "jp-tokyo-1"] });
    // Stored in catalog order, whatever order was sent.
    expect(updated).toMatchObject({ allowedRegions: ["jp-tokyo-1", "jp-osaka-1"], isDefault: false, updatedBy: acme.userIds.admin });
    expect(await getResidencyPolicy(acme.as.viewer, "acme")).toMatchObject({ allowedRegions: ["jp-tokyo-1", "jp-osaka-1"], isDefault: false });

    await expect(assertResidencyAllowed(handle.db, acme.orgId, "jp-tokyo-1")).resolves.toBeUndefined();
    await expect(assertResidencyAllowed(handle.db, acme.orgId, "jp-hokkaido-1")).rejects.toMatchObject({
      code: "residency_violation",
      details: { regionId: "jp-hokkaido-1", allowedRegions: ["jp-tokyo-1", "jp-osaka-1"] },
    });

    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "residency_policy.update")));
    expect(audit.data).toEqual({ from: REGIONS.map((r) => r.id), to: ["jp-tokyo-1", "jp-osaka-1"] });
  });

  it("lets a region go once its resources are gone", async () => {
    await sim.deleteCluster(tokyo.id, "delete-tokyo");
    await sim.advance(600_000);
    expect((await updateResidencyPolicy(await processControlPlane(), acme.as.owner, "acme", { allowedRegions: ["jp-osaka-1"] })).allowedRegions).toEqual(["jp-osaka-1"]);
    await expect(assertResidencyAllowed(handle.db, acme.orgId, "jp-tokyo-1")).rejects.toMatchObject({ code: "residency_violation" });
  });
});
