import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { budgets, endpoints as endpointsTable, invoices, operations, notifications, usageRecords } from "@/lib/db/schema";
import { ingestMeteringRecords } from "@/lib/billing";
import { setControlPlane, type ControlPlane } from "@/lib/control-plane";
import { systemPrincipal } from "@/lib/auth/principal";
import type { EndpointChange, MeteringPage } from "@/lib/domain/control-plane";
import type { MeteringRecord } from "@/lib/domain/metering";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { listAuditEvents } from "../audit/list-audit-events";
import { listNotifications } from "../notifications/list-notifications";
import { closeBillingMonth, closeMonthAsStaff, closePreviousMonthIfDue } from "./close-billing-month";
import { createBudget } from "./create-budget";
import { deleteBudget } from "./delete-budget";
import { evaluateOrgBudgets } from "./evaluate-org-budgets";
import { exportFocusCsv } from "./export-focus-csv";
import { getCosts } from "./get-costs";
import { getInvoiceDetail, getInvoiceFile } from "./get-invoice";
import { getMonthToDate } from "./get-month-to-date";
import { getUsage } from "./get-usage";
import { ingestMeteringFromControlPlane } from "./ingest-metering";
import { listBudgets } from "./list-budgets";
import { listInvoices } from "./list-invoices";
import { demoMeteringRecords, seedDemoBilling } from "./seed-demo-billing";
import { updateBudget } from "./update-budget";

// Billing services on the engine: permissions and tenancy, invoices (close, search, files), budgets
// and their alerts, the metering loop. Times are fixed instants in JST months of 2030.

const JAN_DAYS = Array.from({ length: 31 }, (_, i) => `2030-01-${String(i + 1).padStart(2, "0")}`);
const FEB_DAYS = Array.from({ length: 9 }, (_, i) => `2030-02-${String(i + 1).padStart(2, "0")}`);
const AFTER_JAN = new Date("2030-02-02T00:00:00Z");
const MID_FEB = new Date("2030-02-10T03:00:00Z");

/** Records for another source get other ids, so the same usage can be metered again elsewhere. */
const withIds = (records: MeteringRecord[], prefix: string) => records.map((r) => ({ ...r, id: `${prefix}:${r.id}` }));

describe("billing services", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  const system = systemPrincipal();
  const rows = async <T,>(query: SQL) => ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
    await ingestMeteringRecords(handle.db, demoMeteringRecords(acme.orgId, [...JAN_DAYS, ...FEB_DAYS]), { source: "test" });
    await ingestMeteringRecords(handle.db, withIds(demoMeteringRecords(other.orgId, JAN_DAYS.slice(0, 3)), "other"), { source: "test" });
  });
  afterAll(async () => handle.close());
  afterEach(() => setControlPlane(undefined));

  describe("who sees money", () => {
    it("lets billing, admin and owner read costs, and refuses developers and viewers (403)", async () => {
      for (const role of ["billing", "admin", "owner"] as const) {
        const costs = await getCosts(acme.as[role], "acme", { from: "2030-01-01", to: "2030-02-01", groupBy: "service" }, MID_FEB);
        expect(costs.total.costJpy).toBeGreaterThan(0);
      }
      for (const role of ["developer", "viewer"] as const) {
        await expect(getCosts(acme.as[role], "acme", { groupBy: "service" }, MID_FEB)).rejects.toMatchObject({ code: "forbidden" });
        await expect(listInvoices(acme.as[role], "acme", { limit: 10 })).rejects.toMatchObject({ code: "forbidden" });
        await expect(getUsage(acme.as[role], "acme", {}, MID_FEB)).rejects.toMatchObject({ code: "forbidden" });
        await expect(listBudgets(acme.as[role], "acme", MID_FEB)).rejects.toMatchObject({ code: "forbidden" });
      }
    });

    it("hides another org's money entirely (404)", async () => {
      await expect(getCosts(other.as.owner, "acme", { groupBy: "service" }, MID_FEB)).rejects.toMatchObject({ code: "not_found" });
      await expect(listInvoices(other.as.billing, "acme", { limit: 10 })).rejects.toMatchObject({ code: "not_found" });
    });
  });

  describe("cost explorer", () => {
    it("groups a range by every dimension with the same total, and by month for the yearly chart", async () => {
      const range = { from: "2030-01-01", to: "2030-02-10" };
      const totals = new Set<string>();
      for (const groupBy of ["service", "shape", "region", "resource", "day", "month"] as const) {
        const report = await getCosts(acme.as.billing, "acme", { ...range, groupBy }, MID_FEB);
        totals.add(report.total.costExactRu);
        if (groupBy === "month") expect(report.rows.map((r) => r.key)).toEqual(["2030-01", "2030-02"]);
        if (groupBy === "region") expect(report.rows.map((r) => r.key).sort()).toEqual(["jp-hokkaido-1", "jp-osaka-1", "jp-tokyo-1"]);
      }
      expect(totals.size).toBe(1);
    });

    it("reports month to date and a forecast, with the default range being this JST month", async () => {
      const mtd = await getMonthToDate(acme.as.billing, "acme", MID_FEB);
      expect(mtd.month).toBe("2030-02");
      const feb = await getCosts(acme.as.billing, "acme", { groupBy: "day" }, MID_FEB);
      expect(feb.from).toBe("2030-02-01");
      expect(feb.to).toBe("2030-02-11");
      expect(mtd.monthToDateJpy).toBe(Math.floor(feb.total.costJpy));
      expect(mtd.forecastJpy).toBeGreaterThan(mtd.monthToDateJpy * 2);
    });

    it("lists metered usage per resource and SKU with GPU-hours", async () => {
      const usage = await getUsage(acme.as.billing, "acme", { from: "2030-01-01", to: "2030-02-01" }, MID_FEB);
      const training = usage.items.find((i) => i.sku === "h100-8x");
      expect(training).toMatchObject({ resourceKind: "cluster", regionId: "jp-tokyo-1", hours: 31 * 24 * 2, gpuHours: 31 * 24 * 16 });
      expect(training!.costJpy).toBe(31 * 24 * 2 * 7200);
    });

    it("exports FOCUS rows for any range and refuses an inverted one (400)", async () => {
      const { filename, chunks } = await exportFocusCsv(acme.as.billing, "acme", { from: "2030-01-30", to: "2030-02-02" }, MID_FEB);
      expect(filename).toBe("hinoki-focus-acme-2030-01-30_2030-02-02.csv");
      let csv = "";
      for await (const chunk of chunks) csv += chunk;
      const lines = csv.trim().split("\n");
      expect(lines[0]).toContain("BilledCost");
      expect(lines.length).toBeGreaterThan(10);
      expect(csv).toContain("2030-01-29T15:00:00Z");
      await expect(exportFocusCsv(acme.as.billing, "acme", { from: "2030-02-02", to: "2030-01-01" }, MID_FEB)).rejects.toMatchObject({ code: "validation_failed" });
    });
  });

  describe("month close and invoices", () => {
    it("issues once however often the month is closed, audits and notifies billing and owner once", async () => {
      const first = await closeBillingMonth(handle.db, system, "2030-01", AFTER_JAN);
      const second = await closeBillingMonth(handle.db, system, "2030-01", new Date(AFTER_JAN.getTime() + 3600_000));
      const mine = (r: typeof first) => r.results.find((x) => x.orgId === acme.orgId)!;
      expect(mine(first).issued).toBe(true);
      expect(mine(second)).toMatchObject({ issued: false, invoiceNumber: mine(first).invoiceNumber });
      const rows = await handle.db.select().from(invoices).where(and(eq(invoices.orgId, acme.orgId), eq(invoices.month, "2030-01")));
      expect(rows).toHaveLength(1);
      const audit = await listAuditEvents(acme.as.owner, "acme", { action: "invoice.issue" }, { limit: 10 });
      expect(audit.items).toHaveLength(1);
      for (const role of ["billing", "owner"] as const) {
        const list = await listNotifications(acme.as[role], "acme", { limit: 10 });
        expect(list.items.filter((n) => n.category === "invoice")).toHaveLength(1);
        expect(list.items[0].link).toBe(`/acme/billing/invoices/${rows[0].id}`);
      }
      for (const role of ["admin", "developer", "viewer"] as const) {
        expect((await listNotifications(acme.as[role], "acme", { limit: 10 })).items.filter((n) => n.category === "invoice")).toHaveLength(0);
      }
    });

    it("refuses to close a month that has not ended in Japan", async () => {
      await expect(closeBillingMonth(handle.db, system, "2030-02", MID_FEB)).rejects.toMatchObject({ code: "business_rule" });
    });

    it("shows an invoice with every field, its PDF and CSV, to its own org only", async () => {
      const [row] = await handle.db.select().from(invoices).where(and(eq(invoices.orgId, acme.orgId), eq(invoices.month, "2030-01")));
      const detail = await getInvoiceDetail(acme.as.billing, "acme", row.id, AFTER_JAN);
      expect(detail.status).toBe("issued");
      expect(detail.invoice.issuer.registrationNumber).toBe("T9010401123456");
      expect(detail.invoice.taxJpy).toBe(Math.floor(detail.invoice.subtotalJpy * 0.1));
      expect(detail.invoice.dueDate).toBe("2030-02-28");
      // Unpaid after the due date (JST) reads as overdue.
      expect((await getInvoiceDetail(acme.as.billing, "acme", row.id, new Date("2030-03-01T00:00:00Z"))).status).toBe("overdue");
      const pdf = await getInvoiceFile(acme.as.billing, "acme", row.id, "pdf");
      expect(Buffer.from(pdf.body as Uint8Array).subarray(0, 5).toString()).toBe("%PDF-");
      const csv = await getInvoiceFile(acme.as.billing, "acme", row.id, "csv");
      expect(csv.filename).toBe(`invoice-${row.number}.csv`);
      expect(String(csv.body)).toContain("T9010401123456");
      await expect(getInvoiceDetail(other.as.owner, "other", row.id)).rejects.toMatchObject({ code: "not_found" });
      await expect(getInvoiceFile(other.as.owner, "other", row.id, "pdf")).rejects.toMatchObject({ code: "not_found" });
      await expect(getInvoiceDetail(acme.as.developer, "acme", row.id)).rejects.toMatchObject({ code: "forbidden" });
    });

    it("searches invoices by issue date, amount and counterparty, a page at a time", async () => {
      await closeBillingMonth(handle.db, system, "2030-02", new Date("2030-03-01T00:00:00Z"));
      const all = await listInvoices(acme.as.billing, "acme", { limit: 50 }, AFTER_JAN);
      expect(all.items.map((i) => i.month)).toEqual(["2030-02", "2030-01"]);
      const first = await listInvoices(acme.as.billing, "acme", { limit: 1 }, AFTER_JAN);
      expect(first.items.map((i) => i.month)).toEqual(["2030-02"]);
      const second = await listInvoices(acme.as.billing, "acme", { limit: 1, beforeId: first.nextAfterId! }, AFTER_JAN);
      expect(second.items.map((i) => i.month)).toEqual(["2030-01"]);
      expect(second.nextAfterId).toBeNull();
      expect((await listInvoices(acme.as.billing, "acme", { limit: 50, issuedFrom: "2030-03-01" }, AFTER_JAN)).items.map((i) => i.month)).toEqual(["2030-02"]);
      expect((await listInvoices(acme.as.billing, "acme", { limit: 50, issuedTo: "2030-02-28" }, AFTER_JAN)).items.map((i) => i.month)).toEqual(["2030-01"]);
      const jan = all.items[1];
      const feb = all.items[0];
      expect(feb.totalJpy).toBeLessThan(jan.totalJpy);
      expect((await listInvoices(acme.as.billing, "acme", { limit: 50, minTotal: feb.totalJpy + 1 }, AFTER_JAN)).items.map((i) => i.id)).toEqual([jan.id]);
      expect((await listInvoices(acme.as.billing, "acme", { limit: 50, maxTotal: feb.totalJpy }, AFTER_JAN)).items.map((i) => i.id)).toEqual([feb.id]);
      expect((await listInvoices(acme.as.billing, "acme", { limit: 50, counterparty: "acme株式" }, AFTER_JAN)).items).toHaveLength(2);
      expect((await listInvoices(acme.as.billing, "acme", { limit: 50, counterparty: "hinoki cloud" }, AFTER_JAN)).items).toHaveLength(2);
      expect((await listInvoices(acme.as.billing, "acme", { limit: 50, counterparty: "100%_" }, AFTER_JAN)).items).toHaveLength(0);
    });

    it("lets only a platform admin close a past month by hand, audited", async () => {
      const admin = await principalOf(handle.db, await createUser(handle.db, "admin@hinoki.test", { staffRole: "platform_admin" }));
      const manager = await principalOf(handle.db, await createUser(handle.db, "am@hinoki.test", { staffRole: "account_manager" }));
      await expect(closeMonthAsStaff(acme.as.owner, { month: "2030-01" })).rejects.toMatchObject({ code: "not_found" });
      await expect(closeMonthAsStaff(manager, { month: "2030-01" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(closeMonthAsStaff(admin, { month: "2030-13" })).rejects.toMatchObject({ name: "ZodError" });
      const report = await closeMonthAsStaff(admin, { month: "2030-01" }, AFTER_JAN);
      expect(report.results.every((r) => !r.issued)).toBe(true);
      const [logged] = await rows<{ n: number }>(sql`select count(*)::int as n from audit_events where action = 'billing.close_month' and org_id is null`);
      expect(logged.n).toBe(1);
    });

    it("closes the previous month by itself once metering has caught up, and only once", async () => {
      // March 2030 has no usage yet: nothing due until metering passes the month end or 6 h pass.
      // (March ends at 2030-03-31T15:00Z, midnight in Tokyo.)
      expect(await closePreviousMonthIfDue(handle.db, new Date("2030-03-31T16:00:00Z"))).toBeNull();
      const late = await closePreviousMonthIfDue(handle.db, new Date("2030-03-31T22:00:00Z"));
      expect(late?.month).toBe("2030-03");
      expect(await closePreviousMonthIfDue(handle.db, new Date("2030-04-01T13:00:00Z"))).toBeNull();
      // February: metering that reached past the month's end lets the close run at once.
      await handle.db.execute(sql`delete from app_settings where key = 'billing.month_closed.2030-02'`);
      await handle.db.execute(sql`insert into app_settings (key, value) values ('billing.ingested_until', '{"intervalEnd":"2030-02-28T15:01:00.000Z"}'::jsonb) on conflict (key) do update set value = excluded.value`);
      const prompt = await closePreviousMonthIfDue(handle.db, new Date("2030-02-28T15:02:00Z"));
      expect(prompt?.results.find((r) => r.orgId === acme.orgId)).toMatchObject({ issued: false });
      await handle.db.execute(sql`delete from app_settings where key = 'billing.ingested_until'`);
    });
  });

  describe("budgets", () => {
    it("creates, changes and deletes budgets with an audit entry each; the soft action is the owner's", async () => {
      await expect(createBudget(acme.as.developer, "acme", { name: "x", monthlyAmountJpy: 10_000 }, MID_FEB)).rejects.toMatchObject({ code: "forbidden" });
      await expect(createBudget(acme.as.billing, "acme", { name: "x", monthlyAmountJpy: 10_000, softAction: "scale_endpoints_to_min" }, MID_FEB)).rejects.toMatchObject({ code: "forbidden" });
      await expect(createBudget(acme.as.billing, "acme", { name: "", monthlyAmountJpy: -1 }, MID_FEB)).rejects.toMatchObject({ name: "ZodError" });
      // A budget a single GPU spends in its first hour is refused with the reason, not accepted as noise.
      await expect(createBudget(acme.as.billing, "acme", { name: "typo", monthlyAmountJpy: 9_999 }, MID_FEB)).rejects.toThrow(/at least ¥10,000/);
      const budget = await createBudget(acme.as.billing, "acme", { name: "研究開発", monthlyAmountJpy: 900_000_000, thresholds: [100, 50, 80, 50] }, MID_FEB);
      expect(budget).toMatchObject({ thresholds: [50, 80, 100], softAction: "none", month: "2030-02" });
      expect(budget.spentJpy).toBeGreaterThan(0);
      const renamed = await updateBudget(acme.as.admin, "acme", budget.id, { name: "研究開発（GPU）" }, MID_FEB);
      expect(renamed.name).toBe("研究開発（GPU）");
      await expect(updateBudget(acme.as.admin, "acme", budget.id, { softAction: "scale_endpoints_to_min" }, MID_FEB)).rejects.toMatchObject({ code: "forbidden" });
      await updateBudget(acme.as.owner, "acme", budget.id, { softAction: "scale_endpoints_to_min" }, MID_FEB);
      await expect(deleteBudget(acme.as.billing, "acme", budget.id)).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateBudget(other.as.owner, "other", budget.id, { name: "mine" }, MID_FEB)).rejects.toMatchObject({ code: "not_found" });
      await expect(deleteBudget(other.as.owner, "other", budget.id)).rejects.toMatchObject({ code: "not_found" });
      await deleteBudget(acme.as.owner, "acme", budget.id);
      expect((await listBudgets(acme.as.billing, "acme", MID_FEB)).items).toEqual([]);
      const audit = await listAuditEvents(acme.as.owner, "acme", { action: "budget." }, { limit: 50 });
      expect(audit.items.map((e) => e.action).sort()).toEqual(["budget.create", "budget.delete", "budget.update", "budget.update"]);
    });

    it("tells billing and owner members once when spend crosses a threshold, and again at the next", async () => {
      const mtd = await getMonthToDate(acme.as.billing, "acme", MID_FEB);
      const before = await handle.db.select().from(notifications).where(eq(notifications.category, "budget"));
      // Spend is 60 % of this budget: 50 % is crossed, 80 % not yet.
      const budget = await createBudget(acme.as.billing, "acme", { name: "alerts", monthlyAmountJpy: Math.ceil(mtd.monthToDateJpy / 0.6) }, MID_FEB);
      await evaluateOrgBudgets(handle.db, acme.orgId, MID_FEB);
      await evaluateOrgBudgets(handle.db, acme.orgId, MID_FEB);
      const after = await handle.db.select().from(notifications).where(eq(notifications.category, "budget"));
      const fresh = after.filter((n) => !before.some((b) => b.id === n.id));
      expect(fresh.map((n) => n.userId).sort()).toEqual([acme.userIds.billing, acme.userIds.owner].sort());
      expect(fresh.every((n) => n.params.threshold === 50 && n.link === "/acme/billing/budgets")).toBe(true);
      const owner = await listNotifications(acme.as.owner, "acme", { limit: 5, unread: true });
      expect(owner.items[0]).toMatchObject({ titleKey: "budgetThreshold.title", params: { budget: "alerts", threshold: 50 } });
      // More usage later in the month: 80 % and 100 % crossed together → one more notice each.
      await ingestMeteringRecords(handle.db, withIds(demoMeteringRecords(acme.orgId, ["2030-02-10", "2030-02-11", "2030-02-12", "2030-02-13", "2030-02-14", "2030-02-15"]), "late"), { source: "test" });
      const later = new Date("2030-02-16T03:00:00Z");
      const crossed = await evaluateOrgBudgets(handle.db, acme.orgId, later);
      expect(crossed.alerts.filter((a) => a.budgetId === budget.id).map((a) => a.thresholdPercent)).toEqual([80, 100]);
      const billingNotices = (await listNotifications(acme.as.billing, "acme", { limit: 50 })).items.filter((n) => n.category === "budget" && n.params.budget === "alerts");
      expect(billingNotices.map((n) => n.params.threshold)).toEqual([100, 50]);
      await deleteBudget(acme.as.owner, "acme", budget.id);
    });

    it("at 100 % with the owner's soft action, caps endpoints at their minimum and deletes nothing", async () => {
      const changes: Array<{ id: string; change: EndpointChange; key: string }> = [];
      // The org's endpoints in the console's records; the soft action changes them through the
      // operations engine, which sends each change to this control plane.
      const endpoint = (id: string, min: number, max: number, status = "running") => ({
        id,
        orgId: acme.orgId,
        name: id,
        modelId: "sarashina2.2-3b-instruct",
        shapeId: "l40s-1x",
        regionId: "jp-tokyo-1",
        zoneId: "jp-tokyo-1a",
        minReplicas: min,
        maxReplicas: max,
        autoscaling: { metric: "concurrent_requests" as const, target: 8 },
        status,
        replicasCurrent: min,
        replicasReady: min,
        coldStartSeconds: 60,
        createdBy: "test",
        deletedAt: status === "deleted" ? new Date() : null,
      });
      await handle.db.insert(endpointsTable).values([endpoint("ep_a", 1, 4), endpoint("ep_zero", 0, 3), endpoint("ep_flat", 2, 2), endpoint("ep_gone", 1, 4, "deleted")]);
      const cp = {
        updateEndpoint: async (id: string, change: EndpointChange, key: string) => {
          changes.push({ id, change, key });
          return { id: `cpop_${changes.length}`, status: "running", progress: 0, steps: [] } as never;
        },
        deleteEndpoint: async () => {
          throw new Error("a budget must never delete");
        },
      } as unknown as ControlPlane;
      const later = new Date("2030-02-16T03:00:00Z");
      const mtd = await getMonthToDate(acme.as.owner, "acme", later);
      const budget = await createBudget(acme.as.owner, "acme", { name: "hard cap", monthlyAmountJpy: mtd.monthToDateJpy - 1, thresholds: [100], softAction: "scale_endpoints_to_min" }, later, cp);
      expect(changes.map((c) => [c.id, c.change.maxReplicas])).toEqual([
        ["ep_a", 1],
        ["ep_zero", 1],
      ]);
      expect(changes[0].key).toContain(budget.id);
      const audit = await listAuditEvents(acme.as.owner, "acme", { action: "budget.soft_action" }, { limit: 5 });
      expect(audit.items[0].data).toMatchObject({ endpoints: ["ep_a", "ep_zero"] });
      // Each cap is an ordinary endpoint.update operation, audited as the budget's (a system actor).
      const updates = await listAuditEvents(acme.as.owner, "acme", { action: "endpoint.update" }, { limit: 5 });
      expect(updates.items.map((e) => [e.target.id, e.actor.type, e.actor.id, e.data?.budgetId])).toEqual([
        ["ep_zero", "system", budget.id, budget.id],
        ["ep_a", "system", budget.id, budget.id],
      ]);
      const ops = await handle.db.select().from(operations).where(eq(operations.orgId, acme.orgId));
      expect(ops.filter((o) => o.kind === "endpoint.update").map((o) => [o.targetId, o.status])).toEqual([
        ["ep_a", "running"],
        ["ep_zero", "running"],
      ]);
      // A second evaluation (another instance, a retry) sends no second change.
      await handle.db.update(budgets).set({ notifiedMonth: null, notifiedThreshold: null }).where(eq(budgets.id, budget.id));
      await evaluateOrgBudgets(handle.db, acme.orgId, later, cp);
      expect(changes).toHaveLength(2);
      await deleteBudget(acme.as.owner, "acme", budget.id);
    });
  });

  describe("metering loop", () => {
    function fakeControlPlane(log: MeteringRecord[]) {
      let calls = 0;
      const cp = {
        async meteringSince(cursor: string | null, limit: number): Promise<MeteringPage> {
          calls++;
          const after = cursor ? Number(cursor) : 0;
          const records = log.filter((r) => r.sequence > after).slice(0, limit);
          return { records, nextCursor: String(records.at(-1)?.sequence ?? after) };
        },
      } as unknown as ControlPlane;
      return { cp, calls: () => calls };
    }

    it("ingests the control plane's log exactly once across interruptions and restarts", async () => {
      const tenant = other.orgId;
      const log = withIds(demoMeteringRecords(tenant, ["2030-01-20", "2030-01-21", "2030-01-22"]), "cp").map((r, i) => ({ ...r, sequence: i + 1 }));
      const { cp } = fakeControlPlane(log);
      const count = async () =>
        Number((await rows<{ n: number }>(sql`select count(*)::int as n from usage_records where id like 'cp:%'`))[0].n);
      // An interrupted round: one page of 4, then the process "stops".
      const first = await ingestMeteringFromControlPlane(handle.db, cp, { pageSize: 4, maxPages: 1, now: MID_FEB });
      expect(first).toMatchObject({ pages: 1, inserted: 4, cursor: 4 });
      // A restart with a fresh loop resumes from the persisted cursor.
      const second = await ingestMeteringFromControlPlane(handle.db, cp, { pageSize: 4, now: MID_FEB });
      expect(second.inserted).toBe(log.length - 4);
      expect(await count()).toBe(log.length);
      // A control plane that replays its whole log (cursor lost on its side) changes nothing.
      await handle.db.execute(sql`update billing_ingestion_cursors set last_sequence = 0 where source = 'control-plane'`);
      const replay = await ingestMeteringFromControlPlane(handle.db, cp, { pageSize: 5, now: MID_FEB });
      expect(replay).toMatchObject({ received: log.length, inserted: 0 });
      expect(await count()).toBe(log.length);
      const usage = await getUsage(other.as.billing, "other", { from: "2030-01-20", to: "2030-01-23" }, MID_FEB);
      const h100 = usage.items.find((i) => i.sku === "h100-8x")!;
      expect(h100.hours).toBe(3 * 24 * 2);
      const stored = await handle.db.select({ id: usageRecords.id }).from(usageRecords).where(eq(usageRecords.orgId, tenant));
      expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length);
    });
  });

  describe("demo data", () => {
    it("gives the demo org last month's usage and an issued invoice, once", async () => {
      const { createOrg, addMember } = await import("../testing/fixtures");
      const orgId = await createOrg(handle.db, "hinoki-motor");
      const owner = await createUser(handle.db, "owner@hinoki-motor.test");
      await addMember(handle.db, orgId, owner, "owner");
      const now = new Date("2030-06-05T01:00:00Z");
      expect(await seedDemoBilling(handle.db, now)).toBe(true);
      expect(await seedDemoBilling(handle.db, now)).toBe(false);
      const principal = await principalOf(handle.db, owner);
      const list = await listInvoices(principal, "hinoki-motor", { limit: 10 }, now);
      expect(list.items.map((i) => i.month)).toEqual(["2030-05"]);
      expect(list.items[0].totalJpy).toBeGreaterThan(10_000_000);
      const mtd = await getMonthToDate(principal, "hinoki-motor", now);
      expect(mtd.monthToDateJpy).toBeGreaterThan(0);
      expect((await listBudgets(principal, "hinoki-motor", now)).items).toHaveLength(1);
    });
  });
});
