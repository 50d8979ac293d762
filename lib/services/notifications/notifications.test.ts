import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { orgWithRoles, principalOf } from "../testing/fixtures";
import { updateMemberRole } from "../members/update-member-role";
import { listNotifications } from "./list-notifications";
import { notifyOrgRoles, notifyUsers } from "./notify";
import { markAllNotificationsRead, updateNotification } from "./update-notification";

describe("notifications", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
  });
  afterAll(async () => handle.close());

  const message = (n: number) => ({ category: "budget" as const, titleKey: "budgetThreshold.title", bodyKey: "budgetThreshold.body", params: { budget: `b${n}`, threshold: 50 }, link: "/acme/billing/budgets" });

  it("writes one row per member of the given roles, and a repeated event once", async () => {
    const created = await notifyOrgRoles(handle.db, acme.orgId, ["billing", "owner"], { ...message(1), dedupeKey: "event-1" });
    expect(created.map((c) => c.userId).sort()).toEqual([acme.userIds.billing, acme.userIds.owner].sort());
    expect(await notifyOrgRoles(handle.db, acme.orgId, ["billing", "owner"], { ...message(1), dedupeKey: "event-1" })).toEqual([]);
    expect((await listNotifications(acme.as.developer, "acme", { limit: 10 })).items).toEqual([]);
    const owner = await listNotifications(acme.as.owner, "acme", { limit: 10 });
    expect(owner).toMatchObject({ unreadCount: 1, nextAfterId: null });
    expect(owner.items[0]).toMatchObject({ titleKey: "budgetThreshold.title", params: { budget: "b1", threshold: 50 }, readAt: null });
  });

  it("pages newest first and marks read one at a time or all at once", async () => {
    for (let n = 2; n <= 4; n++) await notifyUsers(handle.db, acme.orgId, [acme.userIds.owner], message(n));
    const first = await listNotifications(acme.as.owner, "acme", { limit: 2 });
    expect(first.items.map((i) => i.params.budget)).toEqual(["b4", "b3"]);
    expect(first.unreadCount).toBe(4);
    const rest = await listNotifications(acme.as.owner, "acme", { limit: 2, beforeId: first.nextAfterId! });
    expect(rest.items.map((i) => i.params.budget)).toEqual(["b2", "b1"]);
    const read = await updateNotification(acme.as.owner, "acme", first.items[0].id, { read: true });
    expect(read.readAt).not.toBeNull();
    expect((await listNotifications(acme.as.owner, "acme", { limit: 10, unread: true })).items.map((i) => i.params.budget)).toEqual(["b3", "b2", "b1"]);
    expect(await markAllNotificationsRead(acme.as.owner, "acme")).toEqual({ updated: 3 });
    expect((await listNotifications(acme.as.owner, "acme", { limit: 10 })).unreadCount).toBe(0);
    // The billing member's copy of the first event is theirs alone and still unread.
    expect((await listNotifications(acme.as.billing, "acme", { limit: 10 })).unreadCount).toBe(1);
  });

  it("never lets anyone touch another person's or another org's notifications (404)", async () => {
    const [mine] = (await listNotifications(acme.as.billing, "acme", { limit: 1 })).items;
    await expect(updateNotification(acme.as.owner, "acme", mine.id, { read: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateNotification(other.as.owner, "other", mine.id, { read: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(listNotifications(other.as.owner, "acme", { limit: 10 })).rejects.toMatchObject({ code: "not_found" });
    expect((await listNotifications(acme.as.billing, "acme", { limit: 10 })).unreadCount).toBe(1);
  });

  it("hides spend notifications from someone whose role no longer sees spend", async () => {
    const org = await orgWithRoles(handle.db, "spend-org");
    await notifyOrgRoles(handle.db, org.orgId, ["billing", "owner"], { category: "invoice", titleKey: "invoiceIssued.title", bodyKey: "invoiceIssued.body", params: { number: "HNK-1", totalJpy: 500_000 }, link: "/spend-org/billing" });
    await notifyUsers(handle.db, org.orgId, [org.userIds.billing], { category: "member", titleKey: "memberJoined.title", bodyKey: "memberJoined.body", params: { name: "x" }, link: "/spend-org/members" });
    expect((await listNotifications(org.as.billing, "spend-org", { limit: 10 })).items.map((n) => n.category).sort()).toEqual(["invoice", "member"]);
    await updateMemberRole(org.as.owner, "spend-org", org.userIds.billing, { role: "viewer" });
    const demoted = await listNotifications(await principalOf(handle.db, org.userIds.billing), "spend-org", { limit: 10 });
    expect(demoted.items.length).toBeGreaterThan(0);
    expect(demoted.items.filter((n) => n.category === "invoice" || n.category === "budget")).toEqual([]);
    expect(JSON.stringify(demoted)).not.toContain("500000");
    expect(demoted.unreadCount).toBe(demoted.items.length);
  });
});
