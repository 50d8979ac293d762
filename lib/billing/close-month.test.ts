import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { SHAPES } from "@/lib/domain/catalog";
import { Invoice, contractOn, discountBps, rateRecord, skuInfo, DEFAULT_PRICE_BOOK, monthOfDay, type Contract } from "@/lib/domain/billing";
import { prng } from "@/lib/domain/billing/testing/prng";
import { randomRecords } from "@/lib/domain/billing/testing/random-records";
import type { MeteringRecord } from "@/lib/domain/metering";
import { closeMonth } from "./close-month";
import { closeMonthForAllOrgs } from "./close-all-orgs";
import { saveContract } from "./contracts";
import { issueCorrectionInvoice } from "./correct-invoice";
import { ingestMeteringRecords } from "./ingest";
import { getInvoice, searchInvoices } from "./invoice-store";
import { markInvoicePaid, markOverdueInvoices } from "./invoice-status";
import { rowsOf } from "./sql-rows";
import { createOrg } from "./testing";

const CLOSE_NOV = new Date("2026-12-01T00:30:00Z"); // 09:30 JST on 1 December

// Oracle, independent of the ru machinery: ¥/h × seconds × (1e4 − bps) over 3600 × 1e4.
const ORACLE_DENOMINATOR = 36_000_000n;
function oracleNumerator(sku: string, seconds: number, bps: number): bigint {
  const shape = SHAPES.find((s) => s.id === sku);
  const yenPerHour = shape ? shape.pricePerHourJpy : sku === "control-plane-single" ? 20 : sku === "control-plane-ha" ? 60 : 0;
  return BigInt(yenPerHour) * BigInt(seconds) * BigInt(10_000 - bps);
}

function node(id: string, orgId: string, start: string, hours: number, shapeId = "h100-8x"): MeteringRecord {
  const shape = SHAPES.find((s) => s.id === shapeId)!;
  const seconds = hours * 3600;
  return {
    id, tenantId: orgId, resourceId: `cl_${orgId}`, resourceKind: "cluster", meter: "node", shapeId, controlPlaneTier: null,
    regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1a", intervalStart: start, intervalEnd: new Date(Date.parse(start) + seconds * 1000).toISOString(),
    seconds, gpuSeconds: seconds * shape.gpuCount, inputTokens: 0, outputTokens: 0, requests: 0, sequence: 0,
  };
}

describe("closeMonth", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("bills thousands of random records: lines = floor of exact group sums, tax = floor(subtotal × 10%) (property)", async () => {
    const orgId = await createOrg(handle.db, "org_prop", "株式会社プロパティ検証");
    const contracts: Contract[] = [
      await saveContract(handle.db, orgId, { discountPercent: 10, discountByGpuModel: { H100: 20 }, effectiveFrom: "2026-10-01" }, { now: new Date("2026-10-01T00:00:00Z") }),
      await saveContract(handle.db, orgId, { discountPercent: 12.5, discountByGpuModel: { GB200: 30 }, effectiveFrom: "2026-11-18" }, { now: new Date("2026-10-02T00:00:00Z") }),
    ];
    const records = randomRecords(prng(2026), { count: 5000, orgIds: [orgId], from: new Date("2026-10-29T00:00:00Z"), to: new Date("2026-12-03T00:00:00Z"), idPrefix: "prop" });
    await ingestMeteringRecords(handle.db, records, { chunkSize: 1000 });

    const oracle = new Map<string, bigint>();
    for (const r of records) {
      for (const p of rateRecord(r, DEFAULT_PRICE_BOOK)) {
        if (monthOfDay(p.day) !== "2026-11") continue;
        const bps = discountBps(contractOn(contracts, p.day), skuInfo(p.sku)!.gpuModel);
        const key = `${p.service}|${p.sku}|${p.regionId}|${bps}`;
        oracle.set(key, (oracle.get(key) ?? 0n) + oracleNumerator(p.sku, p.seconds, bps));
      }
    }

    const { invoice, issued } = await closeMonth(handle.db, orgId, "2026-11", CLOSE_NOV);
    expect(issued).toBe(true);
    Invoice.parse(invoice);
    const byKey = new Map(invoice.lines.map((l) => [`${l.service}|${l.sku}|${l.regionId}|${Math.round(Number(l.discountPercent) * 100)}`, l.amountJpy]));
    expect(new Set(byKey.keys())).toEqual(new Set(oracle.keys()));
    for (const [key, exact] of oracle) expect(byKey.get(key), key).toBe(Number(exact / ORACLE_DENOMINATOR));
    const subtotal = [...oracle.values()].reduce((s, v) => s + Number(v / ORACLE_DENOMINATOR), 0);
    expect(invoice.subtotalJpy).toBe(subtotal);
    expect(invoice.taxJpy).toBe(Math.floor(subtotal / 10));
    expect(invoice.totalJpy).toBe(subtotal + Math.floor(subtotal / 10));
    // 1 yen = 36e12 ru = 36e6 oracle units.
    expect(BigInt(invoice.exactUsageRu)).toBe([...oracle.values()].reduce((a, b) => a + b, 0n) * 1_000_000n);
    expect(invoice.issuer.registrationNumber).toBe("T9010401123456");
    expect(invoice.recipient.legalNameJa).toBe("株式会社プロパティ検証");
    expect(invoice.number).toMatch(/^HNK-202611-\d{6}$/);
    expect(invoice.dueDate).toBe("2026-12-31");
    expect(invoice.issueDate).toBe("2026-12-01");
  });

  it("issues once when run twice, or concurrently", async () => {
    const orgId = await createOrg(handle.db, "org_twice");
    await ingestMeteringRecords(handle.db, [node("tw1", orgId, "2026-11-10T00:00:00Z", 2)]);
    const first = await closeMonth(handle.db, orgId, "2026-11", CLOSE_NOV);
    const second = await closeMonth(handle.db, orgId, "2026-11", new Date("2026-12-02T00:00:00Z"));
    expect(first.issued).toBe(true);
    expect(second.issued).toBe(false);
    expect(second.invoice).toEqual(first.invoice);

    const orgB = await createOrg(handle.db, "org_race");
    await ingestMeteringRecords(handle.db, [node("race1", orgB, "2026-11-10T00:00:00Z", 1)]);
    const raced = await Promise.all([1, 2, 3].map(() => closeMonth(handle.db, orgB, "2026-11", CLOSE_NOV)));
    expect(raced.filter((r) => r.issued)).toHaveLength(1);
    expect(new Set(raced.map((r) => r.invoice.number)).size).toBe(1);
    const count = rowsOf<{ n: number }>(await handle.db.execute(sql`SELECT count(*)::int AS n FROM invoices WHERE org_id IN (${orgId}, ${orgB})`));
    expect(count[0].n).toBe(2);
  });

  it("puts usage from 2026-11-30T15:00Z into December (JST)", async () => {
    const orgId = await createOrg(handle.db, "org_boundary");
    await ingestMeteringRecords(handle.db, [
      node("bd_nov", orgId, "2026-11-30T14:00:00Z", 1), // 23:00–24:00 JST on 30 Nov
      node("bd_dec", orgId, "2026-11-30T15:00:00Z", 1), // 00:00–01:00 JST on 1 Dec
      node("bd_split", orgId, "2026-11-30T14:30:00Z", 1, "l40s-1x"), // half in each month
    ]);
    // Lines follow the catalog's shape order (l40s-1x before h100-8x).
    const nov = (await closeMonth(handle.db, orgId, "2026-11", CLOSE_NOV)).invoice;
    expect(nov.lines.map((l) => [l.sku, l.seconds, l.amountJpy])).toEqual([
      ["l40s-1x", 1800, 145],
      ["h100-8x", 3600, 7200],
    ]);
    const dec = (await closeMonth(handle.db, orgId, "2026-12", new Date("2027-01-01T00:00:00Z"))).invoice;
    expect(dec.lines.map((l) => [l.sku, l.seconds, l.amountJpy])).toEqual([
      ["l40s-1x", 1800, 145],
      ["h100-8x", 3600, 7200],
    ]);
    expect(dec.dueDate).toBe("2027-01-31");
    expect(dec.period).toEqual({ startDate: "2026-12-01", endDate: "2026-12-31", start: "2026-11-30T15:00:00.000Z", end: "2026-12-31T15:00:00.000Z" });
  });

  it("splits a line when the list price changed during the month", async () => {
    const orgId = await createOrg(handle.db, "org_price");
    await ingestMeteringRecords(handle.db, [node("pr1", orgId, "2026-11-03T00:00:00Z", 2)]);
    const cheaper = { ...DEFAULT_PRICE_BOOK, shapeHourMicroJpy: { ...DEFAULT_PRICE_BOOK.shapeHourMicroJpy, "h100-8x": 6_999_500_000n } };
    await ingestMeteringRecords(handle.db, [node("pr2", orgId, "2026-11-20T00:00:00Z", 3)], { priceBook: cheaper });
    const { invoice } = await closeMonth(handle.db, orgId, "2026-11", CLOSE_NOV);
    expect(invoice.lines.map((l) => [l.unitPriceJpy, l.quantity, l.amountJpy])).toEqual([
      ["6999.5", "3.000", 20_998],
      ["7200", "2.000", 14_400],
    ]);
  });

  it("moves an issued invoice to overdue after its due date and to paid, leaving the document alone", async () => {
    const orgId = await createOrg(handle.db, "org_status");
    await ingestMeteringRecords(handle.db, [node("st1", orgId, "2026-11-03T00:00:00Z", 1)]);
    const { invoice } = await closeMonth(handle.db, orgId, "2026-11", CLOSE_NOV);
    await markOverdueInvoices(handle.db, new Date("2026-12-31T14:59:59Z")); // still 31 Dec in Japan
    expect((await getInvoice(handle.db, orgId, invoice.id)).status).toBe("issued");
    expect(await markOverdueInvoices(handle.db, new Date("2026-12-31T15:00:00Z"))).toBeGreaterThanOrEqual(1);
    expect((await getInvoice(handle.db, orgId, invoice.id)).status).toBe("overdue");
    await markInvoicePaid(handle.db, orgId, invoice.id);
    const stored = await getInvoice(handle.db, orgId, invoice.id);
    expect(stored.status).toBe("paid");
    expect(stored.invoice).toEqual(invoice);
    await expect(markInvoicePaid(handle.db, orgId, invoice.id)).rejects.toMatchObject({ code: "conflict" });
    await expect(markInvoicePaid(handle.db, "org_other", invoice.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("is immutable in the database itself: no edit of the document, amounts or PDF, no delete — only the payment status moves", async () => {
    const orgId = await createOrg(handle.db, "org_immutable");
    await ingestMeteringRecords(handle.db, [node("im1", orgId, "2026-11-05T00:00:00Z", 2)]);
    const { invoice } = await closeMonth(handle.db, orgId, "2026-11", CLOSE_NOV);
    // drizzle wraps the database's error ("Failed query: …"); the trigger's reason is its cause.
    const refused = async (statement: Promise<unknown>) => {
      const error = await statement.then(() => null, (e: Error & { cause?: Error }) => e);
      expect(error?.cause?.message ?? error?.message).toMatch(/issued invoice HNK-\S+ cannot be (changed|deleted)/);
    };
    await refused(handle.db.execute(sql`update invoices set total_jpy = total_jpy - 1 where id = ${invoice.id}`));
    await refused(handle.db.execute(sql`update invoices set document = jsonb_set(document, '{recipient,name}', '"別会社"') where id = ${invoice.id}`));
    await refused(handle.db.execute(sql`update invoices set pdf = '\\x00' where id = ${invoice.id}`));
    await refused(handle.db.execute(sql`delete from invoices where id = ${invoice.id}`));
    await markInvoicePaid(handle.db, orgId, invoice.id);
    const stored = await getInvoice(handle.db, orgId, invoice.id);
    expect(stored.status).toBe("paid");
    expect(stored.invoice).toEqual(invoice);
  });

  it("refuses to close a month that has not ended in Japan", async () => {
    const orgId = await createOrg(handle.db, "org_early");
    await expect(closeMonth(handle.db, orgId, "2026-11", new Date("2026-11-30T14:59:59Z"))).rejects.toMatchObject({ code: "business_rule" });
    await expect(closeMonth(handle.db, orgId, "2026-11", new Date("2026-11-30T15:00:00Z"))).resolves.toMatchObject({ issued: true });
  });

  it("gives three ¥105 lines ¥31 of tax", async () => {
    const orgId = await createOrg(handle.db, "org_105");
    // cpu-16 at ¥60/h for 1.75 h = ¥105, in three regions → three lines.
    const base = node("t105a", orgId, "2026-11-05T00:00:00Z", 1.75, "cpu-16");
    await ingestMeteringRecords(handle.db, [
      base,
      { ...base, id: "t105b", regionId: "jp-osaka-1", zoneId: "jp-osaka-1a" },
      { ...base, id: "t105c", regionId: "jp-hokkaido-1", zoneId: "jp-hokkaido-1a" },
    ]);
    const { invoice } = await closeMonth(handle.db, orgId, "2026-11", CLOSE_NOV);
    expect(invoice.lines.map((l) => l.amountJpy)).toEqual([105, 105, 105]);
    expect(invoice.taxJpy).toBe(31);
    expect(invoice.totalJpy).toBe(346);
  });

  it("closes every org with usage or a commitment, once", async () => {
    const month = "2027-02";
    const a = await createOrg(handle.db, "org_all_a");
    const b = await createOrg(handle.db, "org_all_b");
    const c = await createOrg(handle.db, "org_all_c");
    await ingestMeteringRecords(handle.db, [node("all_a", a, "2027-02-03T00:00:00Z", 3), node("all_b", b, "2027-02-27T14:00:00Z", 2, "h200-8x")]);
    await saveContract(handle.db, c, { committedMonthlyJpy: 500_000, effectiveFrom: "2027-01-01" });
    const first = await closeMonthForAllOrgs(handle.db, month, new Date("2027-03-01T00:00:00Z"));
    expect(first.results.map((r) => [r.orgId, r.issued, r.totalJpy])).toEqual([
      [a, true, 23_760],
      [b, true, 19_360],
      [c, true, 550_000],
    ]);
    const second = await closeMonthForAllOrgs(handle.db, month, new Date("2027-03-02T00:00:00Z"));
    expect(second.results.every((r) => !r.issued && !r.error)).toBe(true);
    expect(await searchInvoices(handle.db, { month, minTotalJpy: 20_000 })).toHaveLength(2);
  });

  it("corrects with a new document that names the original, which stays unchanged", async () => {
    const orgId = await createOrg(handle.db, "org_fix", "株式会社修正");
    await ingestMeteringRecords(handle.db, [node("fix1", orgId, "2026-11-03T00:00:00Z", 1)]);
    const { invoice: original } = await closeMonth(handle.db, orgId, "2026-11", CLOSE_NOV);
    await expect(issueCorrectionInvoice(handle.db, orgId, original.id, { now: new Date("2026-12-05T00:00:00Z"), reasonJa: "再計算" })).rejects.toMatchObject({ code: "business_rule" });
    // A late record arrives for November.
    await ingestMeteringRecords(handle.db, [node("fix2", orgId, "2026-11-29T00:00:00Z", 1)]);
    const corrected = await issueCorrectionInvoice(handle.db, orgId, original.id, { now: new Date("2026-12-05T00:00:00Z"), reasonJa: "計上漏れの利用分を追加" });
    expect(corrected.kind).toBe("correction");
    expect(corrected.corrects).toMatchObject({ invoiceId: original.id, number: original.number });
    expect(corrected.subtotalJpy).toBe(14_400);
    expect(corrected.titleJa).toContain("修正");
    const rows = await searchInvoices(handle.db, { orgId });
    expect(rows.map((r) => [r.kind, r.totalJpy])).toEqual([["correction", 15_840], ["invoice", 7_920]]);
    await expect(issueCorrectionInvoice(handle.db, orgId, original.id, { now: new Date("2026-12-06T00:00:00Z"), reasonJa: "二重" })).rejects.toMatchObject({ code: "conflict" });
    // closeMonth still returns the original: it is never replaced.
    expect((await closeMonth(handle.db, orgId, "2026-11", new Date("2026-12-07T00:00:00Z"))).invoice).toEqual(original);
  });
});
