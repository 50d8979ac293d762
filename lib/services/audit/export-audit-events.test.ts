import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { orgWithRoles } from "../testing/fixtures";
import { updateOrg } from "../orgs/update-org";
import { exportAuditEvents } from "./export-audit-events";
import { listAuditEvents } from "./list-audit-events";

// The audit export an auditor files as evidence: every matching entry (beyond the screen's first
// page), the filters as on screen, action names in words, staff views collapsed, a checkable hash.

const parseCsv = (body: string) =>
  body
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));

describe("audit export", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    // More entries than the screen's page of 50, and than one of the export's own pages would need.
    for (let i = 0; i < 55; i++) await updateOrg(acme.as.owner, "acme", { contactName: `担当${i}` });
    for (let i = 0; i < 3; i++) {
      await insertAuditEvent(handle.db, { orgId: acme.orgId, actorType: "staff", actorId: "usr_am", actorName: "営業 太郎", action: "staff.view", targetType: "org", targetId: acme.orgId, data: { view: "staff.account", staffRole: "account_manager" }, requestId: `req_view${i}` });
    }
  });
  afterAll(async () => handle.close());

  it("exports every entry the filter matches as CSV, in Japanese, with a hash of the exact file", async () => {
    const file = await exportAuditEvents(acme.as.viewer, "acme", { format: "csv", action: "org.update", lang: "ja" }, new Date("2026-12-05T03:00:00Z"));
    const [header, ...rows] = parseCsv(file.body);
    expect(file.body.startsWith("\uFEFF")).toBe(true);
    expect(header.slice(0, 6)).toEqual(["日時（UTC）", "日時（日本時間）", "実行者の種類", "実行者", "操作コード", "操作"]);
    expect(rows).toHaveLength(55);
    expect(file.count).toBe(55);
    expect(rows.every((r) => r[4] === "org.update" && r[5] === "組織情報の変更")).toBe(true);
    expect(file.filename).toBe("audit-acme-2026-12-05.csv");
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.sha256).toBe(createHash("sha256").update(Buffer.from(file.body, "utf8")).digest("hex"));
    // The screen's list shows the same entries, newest first.
    const screen = await listAuditEvents(acme.as.viewer, "acme", { action: "org.update" }, { limit: 100 });
    expect(rows.map((r) => r[0])).toEqual(screen.items.map((e) => e.createdAt));
  });

  it("exports JSON in English with repeated staff views collapsed into one entry with its count", async () => {
    const file = await exportAuditEvents(acme.as.owner, "acme", { format: "json", action: "staff.view", lang: "en" });
    const doc = JSON.parse(file.body);
    expect(doc).toMatchObject({ org: "acme", filter: { action: "staff.view" }, count: 1, exportedBy: { type: "user", id: acme.userIds.owner } });
    expect(doc.events).toHaveLength(1);
    expect(doc.events[0]).toMatchObject({ action: "staff.view", actionName: "Viewed by staff", repeated: 3, actor: { name: "営業 太郎" }, requestId: "req_view2" });
  });

  it("follows the date filter and the caller's language when none is asked", async () => {
    const future = await exportAuditEvents(acme.as.viewer, "acme", { format: "csv", from: new Date(Date.now() + 3600_000).toISOString() });
    const [header, ...rows] = parseCsv(future.body);
    expect(rows).toEqual([]);
    expect(acme.as.viewer.locale).toBe("ja");
    expect(header[0]).toBe("日時（UTC）");
    expect(future.count).toBe(0);
  });

  it("is another org's 404 and refuses a format it does not make", async () => {
    const other = await orgWithRoles(handle.db, "other");
    await expect(exportAuditEvents(other.as.owner, "acme", { format: "csv" })).rejects.toMatchObject({ code: "not_found" });
    await expect(exportAuditEvents(acme.as.owner, "acme", { format: "xlsx" })).rejects.toThrow();
  });
});
