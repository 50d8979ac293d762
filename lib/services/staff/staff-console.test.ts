import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, budgets, invoices, notifications, quotaLimits } from "@/lib/db/schema";
import { ingestMeteringRecords } from "@/lib/billing/ingest";
import { saveContract } from "@/lib/billing/contracts";
import type { Principal } from "@/lib/auth/principal";
import { SHAPES } from "@/lib/domain/catalog";
import { STAFF_ORG_PERMISSIONS } from "@/lib/domain/permissions";
import type { MeteringRecord } from "@/lib/domain/metering";
import { listAuditEvents } from "../audit/list-audit-events";
import { listApiTokens } from "../api-tokens/list-api-tokens";
import { createApiToken } from "../api-tokens/create-api-token";
import { createAccountNote } from "../account-notes/create-account-note";
import { listAccountNotes } from "../account-notes/list-account-notes";
import { getAccountContract } from "../contracts/get-account-contract";
import { getOrgContract } from "../contracts/get-org-contract";
import { putAccountContract } from "../contracts/put-account-contract";
import { contractPriceFor } from "../contracts/effective-prices";
import { createQuotaRequest } from "../quota-requests/create-quota-request";
import { getQuotaRequest } from "../quota-requests/get-quota-request";
import { listQuotas } from "../quota-requests/list-quotas";
import { assertQuotaAvailable } from "../quotas/quota-usage";
import { setGpuReservation } from "../quotas/gpu-reservations";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { assignAccountManager } from "./assign-account-manager";
import { decideQuotaRequest } from "./decide-quota-request";
import { getStaffAccount } from "./get-account";
import { listStaffAccounts } from "./list-accounts";
import { listAccountActivity } from "./list-account-activity";
import { listQuotaQueue } from "./list-quota-queue";

// 17 December 2026 00:00 JST: 16 of December's 31 days have passed.
const NOW = new Date("2026-12-16T15:00:00Z");

function nodeHours(id: string, orgId: string, start: string, hours: number, shapeId = "h100-8x"): MeteringRecord {
  const shape = SHAPES.find((s) => s.id === shapeId)!;
  const seconds = hours * 3600;
  return {
    id, tenantId: orgId, resourceId: `cl_${id}`, resourceKind: "cluster", meter: "node", shapeId, controlPlaneTier: null,
    regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1a", intervalStart: start, intervalEnd: new Date(Date.parse(start) + seconds * 1000).toISOString(),
    seconds, gpuSeconds: seconds * shape.gpuCount, inputTokens: 0, outputTokens: 0, requests: 0, sequence: 0,
  };
}

describe("the staff console", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let beta: Awaited<ReturnType<typeof orgWithRoles>>;
  let gamma: Awaited<ReturnType<typeof orgWithRoles>>;
  let admin: Principal;
  let amA: Principal;
  let amB: Principal;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    beta = await orgWithRoles(handle.db, "beta");
    gamma = await orgWithRoles(handle.db, "gamma");
    admin = await principalOf(handle.db, await createUser(handle.db, "admin@hinoki.example", { staffRole: "platform_admin" }));
    amA = await principalOf(handle.db, await createUser(handle.db, "am-a@hinoki.example", { staffRole: "account_manager" }));
    amB = await principalOf(handle.db, await createUser(handle.db, "am-b@hinoki.example", { staffRole: "account_manager" }));
    await assignAccountManager(admin, "acme", { staffUserId: amA.userId, assigned: true });
    await assignAccountManager(admin, "beta", { staffUserId: amA.userId, assigned: true });
    await assignAccountManager(admin, "gamma", { staffUserId: amB.userId, assigned: true });

    // acme: 10 h of h100-8x in November, 5 h in December, 10 % off from 1 November.
    await saveContract(handle.db, acme.orgId, { discountPercent: 10, effectiveFrom: "2026-11-01" }, { now: new Date("2026-11-01T00:00:00Z") });
    await ingestMeteringRecords(handle.db, [nodeHours("n1", acme.orgId, "2026-11-10T00:00:00Z", 10), nodeHours("d1", acme.orgId, "2026-12-02T00:00:00Z", 5)]);
    // beta: December only, list price: 2 h of h200-8x = ¥17,600.
    await ingestMeteringRecords(handle.db, [nodeHours("d2", beta.orgId, "2026-12-03T00:00:00Z", 2, "h200-8x")]);
    await setGpuReservation(handle.db, { orgId: acme.orgId, resourceId: "cl_a1", resourceKind: "cluster", regionId: "jp-tokyo-1", gpuModel: "H100", gpus: 8 });
    await setGpuReservation(handle.db, { orgId: acme.orgId, resourceId: "cl_a2", resourceKind: "cluster", regionId: "jp-tokyo-1", gpuModel: "L40S", gpus: 2 });
    await setGpuReservation(handle.db, { orgId: beta.orgId, resourceId: "cl_b1", resourceKind: "cluster", regionId: "jp-tokyo-1", gpuModel: "H100", gpus: 16 });
    await handle.db.insert(budgets).values({ id: "bud_acme", orgId: acme.orgId, name: "月次予算", monthlyAmountJpy: 40_000, thresholds: [50, 80, 100] });
    await handle.db.insert(invoices).values({
      id: "inv_beta_oct", orgId: beta.orgId, kind: "invoice", number: "HNK-202610-000001", month: "2026-10", status: "issued", recipientName: "beta株式会社",
      subtotalJpy: 100_000, taxJpy: 10_000, totalJpy: 110_000, document: {} as never, pdf: new Uint8Array([37, 80, 68, 70]),
      issueDate: "2026-11-01", issuedAt: new Date("2026-11-01T00:00:00Z"), dueDate: "2026-11-30",
    });
  });
  afterAll(async () => handle.close());

  describe("the book of accounts", () => {
    it("shows a manager their accounts with spend, trend, GPUs, quota use, budget and overdue invoices", async () => {
      const book = (await listStaffAccounts(amA, {}, NOW)).items;
      expect(book.map((a) => a.slug)).toEqual(["acme", "beta"]);
      const [a, b] = book;
      // November: 72,000 × 0.9; December so far: 36,000 × 0.9; forecast 32,400 × 31 / 16.
      expect(a.spend).toEqual({ month: "2026-12", monthToDateJpy: 32_400, lastMonthJpy: 64_800, forecastJpy: 62_775, trendPercent: -3.1 });
      expect(a.gpusInUse).toEqual([{ gpuModel: "H100", gpus: 8 }, { gpuModel: "L40S", gpus: 2 }]);
      expect(a.gpusInUseTotal).toBe(10);
      expect(a.quota).toEqual({ highestUsePercent: 50, tightest: { regionId: "jp-tokyo-1", gpuModel: "H100", inUse: 8, limit: 16 } });
      expect(a.budget).toEqual({ status: "warning", name: "月次予算", spentPercent: 81 });
      expect(a.overdueInvoices).toEqual({ count: 0, amountJpy: 0 });
      expect(a.managers.map((m) => m.userId)).toEqual([amA.userId]);
      expect(b.spend).toMatchObject({ monthToDateJpy: 17_600, lastMonthJpy: 0, trendPercent: null });
      expect(b.quota.highestUsePercent).toBe(100);
      expect(b.overdueInvoices).toEqual({ count: 1, amountJpy: 110_000 });
      expect(b.budget.status).toBe("none");
    });

    it("sorts and filters", async () => {
      expect((await listStaffAccounts(amA, { sort: "monthToDate" }, NOW)).items.map((a) => a.slug)).toEqual(["acme", "beta"]);
      expect((await listStaffAccounts(amA, { sort: "monthToDate", dir: "asc" }, NOW)).items.map((a) => a.slug)).toEqual(["beta", "acme"]);
      expect((await listStaffAccounts(amA, { sort: "gpus" }, NOW)).items.map((a) => a.slug)).toEqual(["beta", "acme"]);
      expect((await listStaffAccounts(amA, { attention: "overdue" }, NOW)).items.map((a) => a.slug)).toEqual(["beta"]);
      expect((await listStaffAccounts(amA, { attention: "budget" }, NOW)).items.map((a) => a.slug)).toEqual(["acme"]);
      expect((await listStaffAccounts(amA, { q: "BETA" }, NOW)).items.map((a) => a.slug)).toEqual(["beta"]);
      await expect(listStaffAccounts(amA, { sort: "nonsense" as never })).rejects.toThrow();
    });

    it("shows a platform admin every org, or one manager's book", async () => {
      expect((await listStaffAccounts(admin, {}, NOW)).items.map((a) => a.slug)).toEqual(["acme", "beta", "gamma"]);
      expect((await listStaffAccounts(admin, { manager: amB.userId }, NOW)).items.map((a) => a.orgId)).toEqual([gamma.orgId]);
    });
  });

  describe("permission boundaries", () => {
    it("manager B cannot reach manager A's account: every staff service is a 404", async () => {
      expect((await listStaffAccounts(amB, {}, NOW)).items.map((a) => a.slug)).toEqual(["gamma"]);
      const notFound = { code: "not_found" };
      await expect(getStaffAccount(amB, "acme")).rejects.toMatchObject(notFound);
      await expect(listAccountActivity(amB, "acme", { limit: 10 })).rejects.toMatchObject(notFound);
      await expect(listAccountNotes(amB, "acme", { limit: 10 })).rejects.toMatchObject(notFound);
      await expect(createAccountNote(amB, "acme", { body: "x" })).rejects.toMatchObject(notFound);
      await expect(getAccountContract(amB, "acme")).rejects.toMatchObject(notFound);
      await expect(putAccountContract(amB, "acme", { discountPercent: 50, effectiveFrom: "2027-01-01" })).rejects.toMatchObject(notFound);
      // Nor the customer console pages' data.
      await expect(listQuotas(amB, "acme")).rejects.toMatchObject(notFound);
      const request = await createQuotaRequest(acme.as.developer, "acme", { regionId: "jp-osaka-1", gpuModel: "B200", requestedGpus: 32, reason: "評価" });
      await expect(decideQuotaRequest(amB, request.id, { status: "approved" })).rejects.toMatchObject(notFound);
      expect((await listQuotaQueue(amB, {}, { limit: 50 })).items.map((r) => r.id)).not.toContain(request.id);
      expect((await listQuotaQueue(amA, {}, { limit: 50 })).items.map((r) => r.id)).toContain(request.id);
      expect((await listQuotaQueue(admin, { org: "acme" }, { limit: 50 })).items.map((r) => r.id)).toContain(request.id);
    });

    it("customers (people and API tokens) never reach staff services: 404, whatever the input", async () => {
      const token = await createApiToken(acme.as.owner, "acme", { name: "ci", role: "owner", expiresInDays: null });
      expect(token.secret).toBeTruthy();
      for (const customer of [acme.as.owner, acme.as.admin, beta.as.owner]) {
        const notFound = { code: "not_found" };
        await expect(listStaffAccounts(customer)).rejects.toMatchObject(notFound);
        await expect(getStaffAccount(customer, "acme")).rejects.toMatchObject(notFound);
        await expect(listAccountNotes(customer, "acme", { limit: 10 })).rejects.toMatchObject(notFound);
        await expect(createAccountNote(customer, "acme", { body: "" })).rejects.toMatchObject(notFound);
        await expect(getAccountContract(customer, "acme")).rejects.toMatchObject(notFound);
        await expect(putAccountContract(customer, "acme", { bogus: true } as never)).rejects.toMatchObject(notFound);
        await expect(listQuotaQueue(customer, {}, { limit: 10 })).rejects.toMatchObject(notFound);
        await expect(decideQuotaRequest(customer, "qr_anything", { status: "approved" })).rejects.toMatchObject(notFound);
        await expect(listAccountActivity(customer, "acme", { limit: 10 })).rejects.toMatchObject(notFound);
      }
    });

    it("staff never read secrets: no tokens, kubeconfigs or endpoint keys", async () => {
      for (const secret of ["tokens.read", "tokens.write", "clusters.credentials", "endpoints.keys"] as const) {
        expect(STAFF_ORG_PERMISSIONS).not.toContain(secret);
      }
      await expect(listApiTokens(amA, "acme")).rejects.toMatchObject({ code: "forbidden" });
      await expect(listApiTokens(admin, "acme")).rejects.toMatchObject({ code: "forbidden" });
      await expect(createApiToken(amA, "acme", { name: "x", role: "viewer", expiresInDays: null })).rejects.toMatchObject({ code: "forbidden" });
      // Another manager's customer: not even a 403 — the org does not exist for them.
      await expect(listApiTokens(amB, "acme")).rejects.toMatchObject({ code: "not_found" });
    });
  });

  describe("quota decisions", () => {
    it("approving a different amount changes the quota at once, appends history, audits both sides and notifies the customer", async () => {
      const request = await createQuotaRequest(acme.as.developer, "acme", { regionId: "jp-tokyo-1", gpuModel: "H100", requestedGpus: 64, reason: "学習ジョブの拡大" });
      // Before: 8 held of 16; 16 more do not fit.
      await expect(assertQuotaAvailable(handle.db, acme.orgId, { regionId: "jp-tokyo-1", gpuModel: "H100", gpus: 16 })).rejects.toMatchObject({ code: "quota_exceeded" });

      const decided = await decideQuotaRequest(amA, request.id, { status: "approved", approvedGpus: 32, decisionReason: "まず32基で開始し、利用状況を見て再検討します" });
      expect(decided).toMatchObject({ status: "approved", approvedGpus: 32, requestedGpus: 64, decidedBy: amA.userId, decidedByName: amA.name, org: { slug: "acme" } });
      expect(decided.history.map((h) => h.status)).toEqual(["pending", "approved"]);

      // The customer sees it: the request, the quota, and a launch that did not fit now does.
      const seen = await getQuotaRequest(acme.as.viewer, "acme", request.id);
      expect(seen).toMatchObject({ status: "approved", approvedGpus: 32, decisionReason: "まず32基で開始し、利用状況を見て再検討します" });
      expect((await listQuotas(acme.as.viewer, "acme")).items.find((l) => l.regionId === "jp-tokyo-1" && l.gpuModel === "H100")).toMatchObject({ limit: 32, inUse: 8, available: 24 });
      await expect(assertQuotaAvailable(handle.db, acme.orgId, { regionId: "jp-tokyo-1", gpuModel: "H100", gpus: 16 })).resolves.toBeUndefined();

      const customerLog = await listAuditEvents(acme.as.owner, "acme", { action: "quota_request.approve" }, { limit: 10 });
      expect(customerLog.items).toHaveLength(1);
      expect(customerLog.items[0]).toMatchObject({ actor: { type: "staff", id: amA.userId }, target: { type: "quota_request", id: request.id }, data: { previousLimit: 16, newLimit: 32 } });
      const staffLog = await handle.db.select().from(auditEvents).where(and(isNull(auditEvents.orgId), eq(auditEvents.action, "staff.quota_request.approve")));
      expect(staffLog).toHaveLength(1);
      expect(staffLog[0]).toMatchObject({ actorId: amA.userId, targetId: acme.orgId });

      const sent = await handle.db.select().from(notifications).where(eq(notifications.orgId, acme.orgId));
      expect(sent.map((n) => n.userId).sort()).toEqual([acme.userIds.owner, acme.userIds.admin, acme.userIds.developer].sort());
      expect(sent[0]).toMatchObject({ category: "quota", titleKey: "quotaRequestApproved.title", link: "/acme/shapes" });
      expect(sent[0].params).toMatchObject({ approvedGpus: 32, requestedGpus: 64 });

      // Decided once: a second decision is a conflict and changes nothing.
      await expect(decideQuotaRequest(amA, request.id, { status: "rejected", decisionReason: "やはり不可" })).rejects.toMatchObject({ code: "conflict" });
      expect((await listQuotas(acme.as.viewer, "acme")).items.find((l) => l.regionId === "jp-tokyo-1" && l.gpuModel === "H100")?.limit).toBe(32);
    });

    it("refuses an approval not above the current limit, and a rejection without a reason", async () => {
      const request = await createQuotaRequest(beta.as.owner, "beta", { regionId: "jp-tokyo-1", gpuModel: "H200", requestedGpus: 24, reason: "推論" });
      await expect(decideQuotaRequest(amA, request.id, { status: "approved", approvedGpus: 16 })).rejects.toMatchObject({ code: "business_rule", details: { field: "approvedGpus", currentGpus: 16 } });
      await expect(decideQuotaRequest(amA, request.id, { status: "rejected", decisionReason: "  " })).rejects.toMatchObject({ code: "validation_failed", details: { field: "decisionReason" } });
      await expect(decideQuotaRequest(amA, request.id, { status: "maybe" } as never)).rejects.toMatchObject({ code: "validation_failed" });

      const rejected = await decideQuotaRequest(amA, request.id, { status: "rejected", decisionReason: "東京のH200は逼迫しています。北海道をご検討ください" });
      expect(rejected).toMatchObject({ status: "rejected", approvedGpus: null });
      const limits = await handle.db.select().from(quotaLimits).where(and(eq(quotaLimits.orgId, beta.orgId), eq(quotaLimits.gpuModel, "H200")));
      expect(limits).toEqual([]);
      expect((await listAuditEvents(beta.as.owner, "beta", { action: "quota_request.reject" }, { limit: 5 })).items[0]).toMatchObject({ actor: { type: "staff" }, data: { decisionReason: "東京のH200は逼迫しています。北海道をご検討ください" } });
      expect((await listQuotaQueue(amA, { status: "rejected" }, { limit: 10 })).items.map((r) => r.id)).toEqual([request.id]);
      expect((await listQuotaQueue(amA, {}, { limit: 50 })).items.map((r) => r.id)).not.toContain(request.id);
    });
  });

  describe("contracts", () => {
    it("sets terms from a date; the customer sees them and their prices; audited on both sides", async () => {
      const before = await contractPriceFor(handle.db, beta.orgId, "h100-8x", NOW);
      expect(before).toMatchObject({ listPerHourJpy: 7200, pricePerHourJpy: 7200, discountPercent: 0, contractEffectiveFrom: null });

      const result = await putAccountContract(
        amA,
        "beta",
        { discountPercent: 5, discountByGpuModel: { H100: 12.5 }, committedMonthlyJpy: 5_000_000, creditLimitJpy: 20_000_000, paymentTermsDays: 45, effectiveFrom: "2026-12-01" },
        NOW,
      );
      expect(result.current).toMatchObject({ discountPercent: 5, discountByGpuModel: { H100: 12.5 }, committedMonthlyJpy: 5_000_000, creditLimitJpy: 20_000_000, paymentTermsDays: 45, effectiveFrom: "2026-12-01", setBy: amA.name });
      expect(result.prices.find((p) => p.shapeId === "h100-8x")).toMatchObject({ pricePerHourJpy: 6300, pricePerMonthJpy: 6300 * 730, discountPercent: 12.5 });
      expect(result.prices.find((p) => p.shapeId === "l40s-1x")).toMatchObject({ pricePerHourJpy: 275.5, pricePerHourMicroJpy: "275500000", discountPercent: 5 });

      // Billing uses them from the effective date: beta's December usage is now 5 % cheaper.
      const [row] = (await listStaffAccounts(amA, { q: "beta" }, NOW)).items;
      expect(row.spend.monthToDateJpy).toBe(16_720);

      const theirs = await getOrgContract(beta.as.viewer, "beta", NOW);
      expect(theirs.current?.discountByGpuModel).toEqual({ H100: 12.5 });
      expect(await contractPriceFor(handle.db, beta.orgId, "h100-8x", NOW)).toMatchObject({ pricePerHourJpy: 6300, contractEffectiveFrom: "2026-12-01" });
      // Prices before the effective date are list prices.
      expect(await contractPriceFor(handle.db, beta.orgId, "h100-8x", new Date("2026-11-20T00:00:00Z"))).toMatchObject({ pricePerHourJpy: 7200 });

      // Upcoming terms are shown apart from those in force.
      const later = await putAccountContract(amA, "beta", { discountPercent: 8, effectiveFrom: "2027-01-01" }, NOW);
      expect(later.current?.effectiveFrom).toBe("2026-12-01");
      expect(later.upcoming.map((v) => v.effectiveFrom)).toEqual(["2027-01-01"]);
      expect(later.history).toHaveLength(2);

      const customerLog = await listAuditEvents(beta.as.owner, "beta", { action: "contract.update" }, { limit: 10 });
      expect(customerLog.items).toHaveLength(2);
      expect(customerLog.items[1]).toMatchObject({ actor: { type: "staff", id: amA.userId }, data: { discountPercent: 5, effectiveFrom: "2026-12-01" } });
      const staffLog = await handle.db.select().from(auditEvents).where(and(isNull(auditEvents.orgId), eq(auditEvents.action, "staff.contract.update"), eq(auditEvents.targetId, beta.orgId)));
      expect(staffLog).toHaveLength(2);

      // Another org's people cannot read it.
      await expect(getOrgContract(acme.as.owner, "beta")).rejects.toMatchObject({ code: "not_found" });
    });

    it("refuses terms reaching into an invoiced month, and invalid terms, with the field", async () => {
      await expect(putAccountContract(amA, "beta", { discountPercent: 5, effectiveFrom: "2026-10-15" }, NOW)).rejects.toMatchObject({
        code: "business_rule",
        details: { field: "effectiveFrom", earliest: "2026-11-01" },
      });
      await expect(putAccountContract(amA, "beta", { discountPercent: 120, effectiveFrom: "2027-02-01" }, NOW)).rejects.toMatchObject({ code: "validation_failed", details: { field: "discountPercent" } });
      await expect(putAccountContract(amA, "beta", { discountPercent: 10, effectiveFrom: "2027-02-30" }, NOW)).rejects.toMatchObject({ code: "validation_failed", details: { field: "effectiveFrom" } });
    });
  });

  describe("the account page, notes and timeline", () => {
    it("opening an account is a staff view in the customer's log", async () => {
      const detail = await getStaffAccount(amA, "acme", NOW);
      expect(detail.account.slug).toBe("acme");
      expect(detail.contract).toMatchObject({ discountPercent: 10 });
      expect(detail.quotas.find((l) => l.regionId === "jp-tokyo-1" && l.gpuModel === "H100")).toMatchObject({ limit: 32, inUse: 8 });
      const log = await listAuditEvents(acme.as.owner, "acme", { action: "staff.view" }, { limit: 50 });
      expect(log.items.some((e) => e.actor.id === amA.userId && e.data?.view === "staff.account")).toBe(true);
    });

    it("notes are staff-only: audited in the staff log, never in the customer's, and on the timeline", async () => {
      const note = await createAccountNote(amA, "acme", { body: "来期にH200を200基規模で検討中（先方CTOより）" });
      await createAccountNote(admin, "acme", { body: "請求書送付先の変更依頼あり" });
      await expect(createAccountNote(amA, "acme", { body: "   " })).rejects.toMatchObject({ name: "ZodError" });
      const notes = await listAccountNotes(amA, "acme", { limit: 1 });
      expect(notes.items.map((n) => n.body)).toEqual(["請求書送付先の変更依頼あり"]);
      const rest = await listAccountNotes(amA, "acme", { limit: 1, beforeId: notes.nextAfterId! });
      expect(rest.items).toEqual([note]);

      const customerLog = await listAuditEvents(acme.as.owner, "acme", {}, { limit: 200 });
      expect(customerLog.items.some((e) => e.action.includes("note"))).toBe(false);
      expect(JSON.stringify(customerLog.items)).not.toContain("H200を200基");

      const timeline = await listAccountActivity(amA, "acme", { limit: 200 });
      const actions = timeline.items.map((e) => `${e.log}:${e.action}`);
      expect(actions).toEqual(expect.arrayContaining(["staff:staff.note.create", "customer:quota_request.approve", "customer:quota_request.create", "customer:staff.assign", "customer:staff.view"]));
      // Newest first, and pages do not overlap.
      const ids = timeline.items.map((e) => e.id);
      expect([...ids].sort().reverse()).toEqual(ids);
      const first = await listAccountActivity(amA, "acme", { limit: 3 });
      const second = await listAccountActivity(amA, "acme", { limit: 3, beforeId: first.nextAfterId! });
      expect([...first.items, ...second.items].map((e) => e.id)).toEqual(ids.slice(0, 6));
      // Another org's events never appear.
      expect(timeline.items.some((e) => e.target.id === beta.orgId)).toBe(false);
    });
  });
});
