import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { orgWithRoles, principalOf } from "../testing/fixtures";
import { listAuditEvents } from "../audit/list-audit-events";
import { listNotifications } from "../notifications/list-notifications";
import { listMembers } from "./list-members";
import { removeMember } from "./remove-member";
import { updateMemberRole } from "./update-member-role";

describe("members", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
  });
  afterAll(async () => handle.close());

  it("lists the org's members with their roles, to any member", async () => {
    const members = (await listMembers(acme.as.viewer, "acme")).items;
    expect(members.map((m) => m.role).sort()).toEqual(["admin", "billing", "developer", "owner", "viewer"]);
  });

  it("hides another org entirely (404, not 403)", async () => {
    await expect(listMembers(other.as.owner, "acme")).rejects.toMatchObject({ code: "not_found" });
    await expect(updateMemberRole(other.as.owner, "acme", acme.userIds.viewer, { role: "admin" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("lets an admin change roles but not touch ownership", async () => {
    await expect(updateMemberRole(acme.as.admin, "acme", acme.userIds.viewer, { role: "developer" })).resolves.toEqual({ userId: acme.userIds.viewer, role: "developer" });
    await expect(updateMemberRole(acme.as.admin, "acme", acme.userIds.developer, { role: "owner" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMemberRole(acme.as.admin, "acme", acme.userIds.owner, { role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMemberRole(acme.as.developer, "acme", acme.userIds.billing, { role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("never leaves an org without an owner", async () => {
    await expect(updateMemberRole(acme.as.owner, "acme", acme.userIds.owner, { role: "admin" })).rejects.toMatchObject({ code: "last_owner" });
    await expect(removeMember(acme.as.owner, "acme", acme.userIds.owner)).rejects.toMatchObject({ code: "last_owner" });
    // With a second owner, the first may step down.
    await updateMemberRole(acme.as.owner, "acme", acme.userIds.admin, { role: "owner" });
    await expect(updateMemberRole(acme.as.owner, "acme", acme.userIds.owner, { role: "admin" })).resolves.toMatchObject({ role: "admin" });
  });

  it("removes a member, who then loses access, and audits every change", async () => {
    const newOwner = await principalOf(handle.db, acme.userIds.admin);
    await removeMember(newOwner, "acme", acme.userIds.billing);
    const removed = await principalOf(handle.db, acme.userIds.billing);
    await expect(listMembers(removed, "acme")).rejects.toMatchObject({ code: "not_found" });
    const audit = await listAuditEvents(newOwner, "acme", {}, { limit: 50 });
    const actions = audit.items.map((e) => e.action);
    expect(actions.filter((a) => a === "member.role_change")).toHaveLength(3);
    expect(actions).toContain("member.remove");
    expect(audit.items.find((e) => e.action === "member.remove")?.target.id).toBe(acme.userIds.billing);
    // Owners and admins are told, in the bell (and by e-mail when they want it).
    const told = await listNotifications(newOwner, "acme", { limit: 20 });
    expect(told.items.map((n) => n.titleKey)).toContain("memberRemoved.title");
    const developer = await principalOf(handle.db, acme.userIds.developer);
    expect((await listNotifications(developer, "acme", { limit: 20 })).items).toEqual([]);
  });
});
