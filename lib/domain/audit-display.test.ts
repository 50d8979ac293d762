import { describe, expect, it } from "vitest";
import type { AuditEvent } from "./audit";
import { auditActionKey, auditRowsToCsv, collapseRepeatedViews, targetName, viewedAs, viewedKey, viewedWhat } from "./audit-display";
import ja from "@/lib/i18n/messages/ja/audit.json";

const event = (over: Partial<AuditEvent> & { id: string }): AuditEvent => ({
  action: "staff.view",
  actor: { type: "staff", id: "usr_am", name: "担当 花子" },
  target: { type: "org", id: "org_1" },
  data: { view: "staff.account" },
  ip: "10.0.0.1",
  requestId: "req_1",
  createdAt: "2026-12-01T03:00:00.000Z",
  ...over,
});

describe("audit log for an auditor", () => {
  it("collapses a run of the same staff view into one row with its count, and keeps real events", () => {
    const rows = collapseRepeatedViews([
      event({ id: "a", createdAt: "2026-12-01T03:05:00.000Z" }),
      event({ id: "b", createdAt: "2026-12-01T03:04:00.000Z" }),
      event({ id: "c", createdAt: "2026-12-01T03:03:00.000Z" }),
      event({ id: "d", action: "cluster.create", actor: { type: "user", id: "usr_1", name: "山田" }, data: { name: "prod-training" } }),
      event({ id: "e", data: { view: "clusters.list" } }),
    ]);
    expect(rows.map((r) => [r.event.id, r.repeated])).toEqual([
      ["a", 3],
      ["d", 1],
      ["e", 1],
    ]);
    expect(rows[0].firstAt).toBe("2026-12-01T03:03:00.000Z");
    expect(targetName(rows[1].event)).toBe("prod-training");
    expect(auditActionKey("cluster.kubeconfig.issue")).toBe("cluster-kubeconfig-issue");
  });

  it("exports the rows shown as CSV with the action in words and quoting where needed", () => {
    const csv = auditRowsToCsv(collapseRepeatedViews([event({ id: "a", data: { view: 'a,"b"' } })]), {
      header: ["utc", "jst", "actorType", "actor", "action", "actionName", "targetType", "targetId", "target", "viewed", "count", "ip", "requestId"],
      action: () => "担当者による閲覧",
      jst: () => "2026年12月1日 12:00",
    });
    const [header, line] = csv.replace("\uFEFF", "").trim().split("\r\n");
    expect(header.split(",")).toHaveLength(13);
    expect(line).toBe('2026-12-01T03:00:00.000Z,2026年12月1日 12:00,staff,担当 花子,staff.view,担当者による閲覧,org,org_1,org_1,"a,""b""",1,10.0.0.1,req_1');
  });

  it("says what a staff member opened and under which role, in words the catalog has", () => {
    // A console read records the permission it needed; the staff account page its own view.
    const read = event({ id: "v1", data: { permission: "billing.read", staffRole: "account_manager" } });
    expect(viewedWhat(read)).toBe("billing.read");
    expect(viewedAs(read)).toBe("account_manager");
    expect(ja.viewedAreas[viewedKey("billing.read") as keyof typeof ja.viewedAreas]).toBe("請求・コスト");
    expect(viewedWhat(event({ id: "v2", data: { permission: ["clusters.read", "endpoints.read"] } }))).toBe("clusters.read");
    expect(ja.viewedAreas[viewedKey(viewedWhat(event({ id: "v3" }))!) as keyof typeof ja.viewedAreas]).toBe("担当アカウントの詳細（担当者画面）");
    // Every read permission staff hold names an area.
    for (const p of ["org.read", "members.read", "audit.read", "quotas.read", "clusters.read", "endpoints.read", "attestations.read", "contract.read", "billing.read", "reservations.read"]) {
      expect(ja.viewedAreas, p).toHaveProperty(viewedKey(p));
    }
    expect(viewedAs(event({ id: "x", action: "cluster.create", data: { staffRole: "platform_admin" } }))).toBeNull();
  });
});
