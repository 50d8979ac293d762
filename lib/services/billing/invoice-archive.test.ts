import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { closeMonth, ingestMeteringRecords } from "@/lib/billing";
import { staffAssignments } from "@/lib/db/schema";
import { h100Usage } from "@/lib/billing/testing";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { exportInvoiceArchiveCsv } from "./export-invoice-archive-csv";
import { getArchivePolicy } from "./get-archive-policy";
import { listInvoices } from "./list-invoices";
import { exportStaffInvoiceArchiveCsv, searchStaffInvoices } from "./search-staff-invoices";
import { checkInvoiceChain, verifyChainFor } from "./verify-invoice-chain";

// The archive as its users meet it: the search in any combination of 取引年月日, 金額 and 取引先
// (name, 法人番号 or 登録番号), its CSV, the provider's search across accounts (an account
// manager's own accounts only), the chain check per invoice (another org's invoice is a 404)
// and for the whole chain (other customers' documents without their numbers), the 事務処理規程.

describe("invoice archive", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  const totals: Record<string, number> = {};
  const numbers: Record<string, string> = {};
  const now = new Date("2031-03-10T03:00:00Z");

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
    await handle.db.execute(sql`UPDATE orgs SET corporate_number = '7010001088888' WHERE id = ${acme.orgId}`);
    // acme: Jan 10 h, Feb 20 h; other: Jan 30 h.
    for (const [org, month, hours] of [[acme.orgId, "01", 10], [acme.orgId, "02", 20], [other.orgId, "01", 30]] as const) {
      await ingestMeteringRecords(handle.db, [h100Usage(`${org}-${month}`, org, `2031-${month}-05T00:00:00Z`, hours, `cl_${org}-${month}`)]);
      const closeAt = new Date(`2031-${month === "01" ? "02" : "03"}-01T01:00:00Z`);
      const { invoice } = await closeMonth(handle.db, org, `2031-${month}`, closeAt);
      totals[`${org}-${month}`] = invoice.totalJpy;
      numbers[`${org}-${month}`] = invoice.number;
    }
    // Three invoices with their PDFs rendered: minutes on a busy two-core machine.
  }, 300_000);
  afterAll(async () => handle.close());

  it("searches by amount range and counterparty (name, 法人番号 or 登録番号) in any combination", async () => {
    const jan = totals[`${acme.orgId}-01`];
    const byAmount = await listInvoices(acme.as.billing, "acme", { limit: 50, minTotal: jan - 1, maxTotal: jan + 1 }, now);
    expect(byAmount.items.map((i) => i.number)).toEqual([numbers[`${acme.orgId}-01`]]);
    for (const counterparty of ["T9010401123456", "Hinoki Cloud", "T7010001088888", "7010001088888"]) {
      expect((await listInvoices(acme.as.billing, "acme", { limit: 50, counterparty }, now)).items).toHaveLength(2);
    }
    expect((await listInvoices(acme.as.billing, "acme", { limit: 50, counterparty: "T1111111111111" }, now)).items).toHaveLength(0);
    const combined = await listInvoices(acme.as.billing, "acme", { limit: 50, issuedFrom: "2031-03-01", issuedTo: "2031-03-31", counterparty: "T9010401123456" }, now);
    expect(combined.items.map((i) => i.number)).toEqual([numbers[`${acme.orgId}-02`]]);
    // Another org's invoices never appear, whatever the counterparty says.
    expect((await listInvoices(acme.as.billing, "acme", { limit: 50, counterparty: "other" }, now)).items).toHaveLength(0);
  });

  it("downloads the matching documents as CSV with their PDF hashes and chain numbers", async () => {
    const { body, filename } = await exportInvoiceArchiveCsv(acme.as.billing, "acme", { minTotal: totals[`${acme.orgId}-02`] }, now);
    expect(filename).toMatch(/^hinoki-invoices-acme-/);
    const lines = body.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toContain("取引年月日(発行日)");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(numbers[`${acme.orgId}-02`]);
    expect(lines[1]).toContain("T7010001088888");
    expect(lines[1]).toMatch(/,[0-9a-f]{64},\d+$/);
    await expect(exportInvoiceArchiveCsv(acme.as.developer, "acme", {}, now)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("staff search across accounts: a platform admin sees all, an account manager only assigned accounts, a customer nothing", async () => {
    const admin = await principalOf(handle.db, await createUser(handle.db, "pa@hinoki.example", { staffRole: "platform_admin" }), ["pwd", "otp"]);
    const am = await principalOf(handle.db, await createUser(handle.db, "am@hinoki.example", { staffRole: "account_manager" }), ["pwd", "otp"]);
    await handle.db.insert(staffAssignments).values({ orgId: other.orgId, staffUserId: am.userId, assignedBy: null });
    expect((await searchStaffInvoices(admin, { limit: 50 }, now)).items).toHaveLength(3);
    const mine = await searchStaffInvoices(am, { limit: 50 }, now);
    expect(mine.items.map((i) => i.orgSlug)).toEqual(["other"]);
    expect((await searchStaffInvoices(am, { limit: 50, org: "acme" }, now)).items).toHaveLength(0);
    expect((await exportStaffInvoiceArchiveCsv(admin, { counterparty: "T7010001088888" }, now)).body).toContain(numbers[`${acme.orgId}-02`]);
    await expect(searchStaffInvoices(acme.as.owner, { limit: 50 }, now)).rejects.toMatchObject({ code: "not_found" });
  });

  it("checks one invoice against the chain; another org's invoice is a 404; the whole chain hides other customers' numbers", async () => {
    const [inv] = (await listInvoices(acme.as.billing, "acme", { limit: 1 }, now)).items;
    const check = await checkInvoiceChain(acme.as.billing, "acme", inv.id, now);
    expect(check).toMatchObject({ documentMatches: true, pdfMatches: true, entryHashValid: true, linked: true, chain: { valid: true, entries: 3 } });
    await expect(checkInvoiceChain(other.as.billing, "other", inv.id, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(checkInvoiceChain(acme.as.viewer, "acme", inv.id, now)).rejects.toMatchObject({ code: "forbidden" });

    const [otherInv] = (await listInvoices(other.as.billing, "other", { limit: 1 }, now)).items;
    await handle.db.execute(sql`ALTER TABLE invoices DISABLE TRIGGER invoices_immutable`);
    await handle.db.execute(sql`UPDATE invoices SET document = jsonb_set(document, '{totalJpy}', '0') WHERE id = ${otherInv.id}`);
    await handle.db.execute(sql`ALTER TABLE invoices ENABLE TRIGGER invoices_immutable`);
    const seenByAcme = await verifyChainFor(acme.as.billing, now);
    expect(seenByAcme.valid).toBe(false);
    expect(seenByAcme.problems).toEqual([{ seq: expect.any(Number), reason: "document_changed", invoiceId: null, invoiceNumber: null }]);
    const seenByOther = await verifyChainFor(other.as.billing, now);
    expect(seenByOther.problems[0]).toMatchObject({ invoiceId: otherInv.id, invoiceNumber: otherInv.number });
  });

  it("hands out the 事務処理規程 with the org's name, in Japanese and English", async () => {
    const ja = await getArchivePolicy(acme.as.billing, "acme", "ja");
    expect(ja.body).toContain("電子取引データの訂正及び削除の防止に関する事務処理規程");
    expect(ja.body).toContain("10年");
    const en = await getArchivePolicy(acme.as.owner, "acme", "en");
    expect(en.body).toContain("at least 10 years");
  });
});
