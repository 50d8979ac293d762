import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, quotaLimits, quotaRequests, staffAssignments } from "@/lib/db/schema";
import { ZodError } from "zod";
import { setGpuReservation } from "../quotas/gpu-reservations";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { createQuotaRequest } from "./create-quota-request";
import { getQuotaRequest } from "./get-quota-request";
import { listQuotaRequests } from "./list-quota-requests";
import { listQuotas } from "./list-quotas";

describe("quotas and quota requests", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
  });
  afterAll(async () => handle.close());

  const input = { regionId: "jp-tokyo-1", gpuModel: "H100" as const, requestedGpus: 64, reason: "学習ジョブの拡大のため" };

  describe("quotas", () => {
    it("lists the limit and current use per region and GPU model the region offers", async () => {
      await setGpuReservation(handle.db, { orgId: acme.orgId, resourceId: "cl_q1", resourceKind: "cluster", regionId: "jp-tokyo-1", gpuModel: "H100", gpus: 8 });
      await setGpuReservation(handle.db, { orgId: acme.orgId, resourceId: "ep_q1", resourceKind: "endpoint", regionId: "jp-tokyo-1", gpuModel: "H100", gpus: 1 });
      await handle.db.insert(quotaLimits).values({ orgId: acme.orgId, regionId: "jp-osaka-1", gpuModel: "GB200", gpus: 72 });

      const lines = (await listQuotas(acme.as.viewer, "acme")).items;
      expect(lines.map((l) => `${l.regionId}/${l.gpuModel}`)).toEqual([
        "jp-tokyo-1/L40S",
        "jp-tokyo-1/H100",
        "jp-tokyo-1/H200",
        "jp-osaka-1/B200",
        "jp-osaka-1/GB200",
        "jp-hokkaido-1/H200",
        "jp-hokkaido-1/GB200",
      ]);
      expect(lines.find((l) => l.regionId === "jp-tokyo-1" && l.gpuModel === "H100")).toEqual({ regionId: "jp-tokyo-1", gpuModel: "H100", limit: 16, inUse: 9, available: 7 });
      expect(lines.find((l) => l.gpuModel === "GB200" && l.regionId === "jp-osaka-1")).toMatchObject({ limit: 72, inUse: 0, available: 72 });
      expect((await listQuotas(acme.as.viewer, "acme", { regionId: "jp-hokkaido-1", gpuModel: "H200" })).items).toEqual([
        { regionId: "jp-hokkaido-1", gpuModel: "H200", limit: 16, inUse: 0, available: 16 },
      ]);
      // Another org's use is not this org's.
      expect((await listQuotas(other.as.viewer, "other")).items.find((l) => l.regionId === "jp-tokyo-1" && l.gpuModel === "H100")?.inUse).toBe(0);
    });

    it("is a 404 for a stranger", async () => {
      await expect(listQuotas(other.as.owner, "acme")).rejects.toMatchObject({ code: "not_found" });
    });
  });

  describe("filing a request", () => {
    it("stores it pending, with the limit at the time and its first history entry, and audits it", async () => {
      const request = await createQuotaRequest(acme.as.developer, "acme", input);
      expect(request).toMatchObject({
        id: expect.stringMatching(/^qr_[0-9A-Z]{26}$/),
        regionId: "jp-tokyo-1",
        gpuModel: "H100",
        currentGpus: 16,
        requestedGpus: 64,
        approvedGpus: null,
        status: "pending",
        decidedBy: null,
        decidedAt: null,
        requestedBy: acme.userIds.developer,
        reason: "学習ジョブの拡大のため",
      });
      expect(request.history).toEqual([{ at: request.createdAt, by: "developer", status: "pending", note: "学習ジョブの拡大のため" }]);

      const [audit] = await handle.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "quota_request.create")));
      expect(audit).toMatchObject({ actorType: "user", actorId: acme.userIds.developer, targetType: "quota_request", targetId: request.id, requestId: "req_test" });
      expect(audit.data).toEqual({ regionId: "jp-tokyo-1", gpuModel: "H100", currentGpus: 16, requestedGpus: 64 });

      expect(await getQuotaRequest(acme.as.viewer, "acme", request.id)).toEqual(request);
    });

    it("allows one open request per region and GPU model", async () => {
      const error = await createQuotaRequest(acme.as.owner, "acme", { ...input, requestedGpus: 128 }).catch((e) => e);
      expect(error).toMatchObject({ code: "conflict", details: { field: "gpuModel", pendingRequestId: expect.stringMatching(/^qr_/) } });
      // A different model in the same region is its own request.
      await expect(createQuotaRequest(acme.as.admin, "acme", { ...input, gpuModel: "H200", requestedGpus: 32 })).resolves.toMatchObject({ status: "pending" });
    });

    it("asks for more than the current limit, in a region that offers the model", async () => {
      await expect(createQuotaRequest(acme.as.owner, "acme", { ...input, gpuModel: "L40S", requestedGpus: 16 })).rejects.toMatchObject({ code: "business_rule", details: { field: "requestedGpus", currentGpus: 16 } });
      await expect(createQuotaRequest(acme.as.owner, "acme", { ...input, regionId: "jp-nagoya-1" })).rejects.toMatchObject({ code: "validation_failed", details: { field: "regionId" } });
      await expect(createQuotaRequest(acme.as.owner, "acme", { ...input, gpuModel: "GB200" })).rejects.toMatchObject({ code: "validation_failed", details: { field: "gpuModel", offered: ["L40S", "H100", "H200"] } });
      await expect(createQuotaRequest(acme.as.owner, "acme", { ...input, reason: "   " })).rejects.toBeInstanceOf(ZodError);
      await expect(createQuotaRequest(acme.as.owner, "acme", { ...input, requestedGpus: 0 })).rejects.toBeInstanceOf(ZodError);
      await expect(createQuotaRequest(acme.as.owner, "acme", { ...input, requestedGpus: 2.5 })).rejects.toBeInstanceOf(ZodError);
      await expect(createQuotaRequest(acme.as.owner, "acme", { ...input, gpuModel: "A100" as never })).rejects.toBeInstanceOf(ZodError);
    });

    it("is for roles that may request quota: viewers and billing get a 403, strangers a 404", async () => {
      await expect(createQuotaRequest(acme.as.viewer, "acme", { ...input, regionId: "jp-osaka-1", gpuModel: "B200" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(createQuotaRequest(acme.as.billing, "acme", { ...input, regionId: "jp-osaka-1", gpuModel: "B200" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(createQuotaRequest(other.as.owner, "acme", { ...input, regionId: "jp-osaka-1", gpuModel: "B200" })).rejects.toMatchObject({ code: "not_found" });
      const filed = await handle.db.select().from(quotaRequests).where(and(eq(quotaRequests.orgId, acme.orgId), eq(quotaRequests.gpuModel, "B200")));
      expect(filed).toEqual([]);
    });
  });

  describe("reading requests", () => {
    it("keeps each org's requests to itself: another org's request is a 404", async () => {
      const mine = await createQuotaRequest(other.as.owner, "other", { ...input, regionId: "jp-hokkaido-1", gpuModel: "GB200", requestedGpus: 144 });
      await expect(getQuotaRequest(acme.as.owner, "acme", mine.id)).rejects.toMatchObject({ code: "not_found" });
      await expect(getQuotaRequest(acme.as.owner, "other", mine.id)).rejects.toMatchObject({ code: "not_found" });
      const acmeList = await listQuotaRequests(acme.as.owner, "acme", {}, { limit: 50 });
      expect(acmeList.items.map((r) => r.id)).not.toContain(mine.id);
      await expect(getQuotaRequest(other.as.viewer, "other", "qr_01JD8Y3Q5W9ZKX7B2M4N6P8ZZZ")).rejects.toMatchObject({ code: "not_found" });
    });

    it("lists newest first with a keyset cursor, filterable by status", async () => {
      const first = await listQuotaRequests(acme.as.viewer, "acme", {}, { limit: 1 });
      expect(first.items).toHaveLength(1);
      expect(first.items[0].gpuModel).toBe("H200");
      expect(first.nextAfterId).toBe(first.items[0].id);
      const second = await listQuotaRequests(acme.as.viewer, "acme", {}, { limit: 1, beforeId: first.nextAfterId! });
      expect(second.items.map((r) => r.gpuModel)).toEqual(["H100"]);
      expect(second.nextAfterId).toBeNull();
      expect((await listQuotaRequests(acme.as.viewer, "acme", { status: "pending" }, { limit: 50 })).items).toHaveLength(2);
      expect((await listQuotaRequests(acme.as.viewer, "acme", { status: "approved" }, { limit: 50 })).items).toEqual([]);
    });

    it("is visible to the org's account manager, and their view is in the org's audit log", async () => {
      const amId = await createUser(handle.db, "am@hinoki.example", { staffRole: "account_manager" });
      const am = await principalOf(handle.db, amId);
      await expect(listQuotaRequests(am, "acme", {}, { limit: 50 })).rejects.toMatchObject({ code: "not_found" });
      await handle.db.insert(staffAssignments).values({ orgId: acme.orgId, staffUserId: amId });
      const seen = await listQuotaRequests(am, "acme", { status: "pending" }, { limit: 50 });
      expect(seen.items.map((r) => r.gpuModel).sort()).toEqual(["H100", "H200"]);
      const views = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "staff.view"), eq(auditEvents.actorId, amId)));
      expect(views.length).toBeGreaterThan(0);
      // Staff read; deciding is the account manager's own flow, not a customer permission.
      await expect(createQuotaRequest(am, "acme", { ...input, regionId: "jp-osaka-1", gpuModel: "B200" })).rejects.toMatchObject({ code: "forbidden" });
    });
  });
});
