import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { orgWithRoles } from "../testing/fixtures";
import { createApiToken } from "../api-tokens/create-api-token";
import { updateOrg } from "../orgs/update-org";
import { listAuditEvents } from "./list-audit-events";

describe("audit log", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    for (let i = 0; i < 7; i++) await updateOrg(acme.as.owner, "acme", { contactName: `担当${i}` });
    await createApiToken(acme.as.developer, "acme", { name: "ci", role: "viewer", expiresInDays: 30 });
  });
  afterAll(async () => handle.close());

  it("records who, what, when, from where and the request id", async () => {
    const page = await listAuditEvents(acme.as.viewer, "acme", { action: "api_token." }, { limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ action: "api_token.create", actor: { type: "user", id: acme.userIds.developer }, ip: "127.0.0.1", requestId: "req_test" });
  });

  it("pages newest first with a keyset and filters by actor and date", async () => {
    const first = await listAuditEvents(acme.as.viewer, "acme", { action: "org.update" }, { limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await listAuditEvents(acme.as.viewer, "acme", { action: "org.update" }, { limit: 10, beforeId: first.nextAfterId! });
    expect(second.items).toHaveLength(4);
    expect(second.nextAfterId).toBeNull();
    const all = [...first.items, ...second.items].map((e) => e.id);
    expect([...all].sort().reverse()).toEqual(all);
    const byActor = await listAuditEvents(acme.as.viewer, "acme", { actor: "developer@acme" }, { limit: 50 });
    expect(byActor.items.every((e) => e.actor.id === acme.userIds.developer)).toBe(true);
    const future = await listAuditEvents(acme.as.viewer, "acme", { from: new Date(Date.now() + 3600_000).toISOString() }, { limit: 50 });
    expect(future.items).toEqual([]);
  });

  it("is readable by members only", async () => {
    const other = await orgWithRoles(handle.db, "other");
    await expect(listAuditEvents(other.as.owner, "acme", {}, { limit: 5 })).rejects.toMatchObject({ code: "not_found" });
  });

  it("shows yen amounts in entries only to roles that may see spend (billing.read)", async () => {
    await insertAuditEvent(handle.db, {
      orgId: acme.orgId,
      actorType: "system",
      actorId: null,
      actorName: "Hinoki",
      action: "invoice.issue",
      targetType: "invoice",
      targetId: "inv_spend",
      data: { number: "HNK-202611-000001", month: "2026-11", totalJpy: 1_234_567, taxJpy: 112_233, lines: [{ model: "H100", amountJpy: 99 }] },
    });
    const entry = async (role: "owner" | "billing" | "admin" | "developer" | "viewer") =>
      (await listAuditEvents(acme.as[role], "acme", { action: "invoice.issue" }, { limit: 1 })).items[0];
    for (const role of ["owner", "admin", "billing"] as const) expect((await entry(role)).data, role).toMatchObject({ totalJpy: 1_234_567, lines: [{ amountJpy: 99 }] });
    for (const role of ["developer", "viewer"] as const) {
      const { data } = await entry(role);
      expect(data, role).toEqual({ number: "HNK-202611-000001", month: "2026-11", lines: [{ model: "H100" }] });
      expect(JSON.stringify(data)).not.toMatch(/1234567|112233/);
    }
  });
});
