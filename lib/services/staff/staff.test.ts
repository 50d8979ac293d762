import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { listAuditEvents } from "../audit/list-audit-events";
import { listMembers } from "../members/list-members";
import { getOrg } from "../orgs/get-org";
import { assignAccountManager } from "./assign-account-manager";
import { listStaffAccounts } from "./list-accounts";

describe("provider staff", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("an account manager sees only assigned orgs, read-only, and each view is in the customer's audit log", async () => {
    const acme = await orgWithRoles(handle.db, "acme");
    await orgWithRoles(handle.db, "other");
    const admin = await principalOf(handle.db, await createUser(handle.db, "admin@hinoki.example", { staffRole: "platform_admin" }));
    const amId = await createUser(handle.db, "am@hinoki.example", { staffRole: "account_manager" });
    const am = await principalOf(handle.db, amId);

    expect((await listStaffAccounts(am)).items).toEqual([]);
    await expect(getOrg(am, "acme")).rejects.toMatchObject({ code: "not_found" });
    await assignAccountManager(admin, "acme", { staffUserId: amId, assigned: true });
    expect((await listStaffAccounts(am)).items.map((a) => a.slug)).toEqual(["acme"]);
    expect((await listStaffAccounts(admin)).items.map((a) => a.slug)).toEqual(["acme", "other"]);

    await expect(getOrg(am, "acme")).resolves.toMatchObject({ slug: "acme" });
    expect((await listMembers(am, "acme")).items).toHaveLength(5);
    await expect(getOrg(am, "other")).rejects.toMatchObject({ code: "not_found" });

    const audit = await listAuditEvents(acme.as.owner, "acme", { action: "staff." }, { limit: 50 });
    expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(["staff.view", "staff.assign"]));
    expect(audit.items.find((e) => e.action === "staff.view")?.actor).toMatchObject({ type: "staff", id: amId });
  });

  it("customers never reach staff services, and only platform admins assign", async () => {
    const org = await orgWithRoles(handle.db, "third");
    await expect(listStaffAccounts(org.as.owner)).rejects.toMatchObject({ code: "not_found" });
    const am = await principalOf(handle.db, await createUser(handle.db, "am2@hinoki.example", { staffRole: "account_manager" }));
    await expect(assignAccountManager(am, "third", { staffUserId: am.userId, assigned: true })).rejects.toMatchObject({ code: "forbidden" });
  });
});
