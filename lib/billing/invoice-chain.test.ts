import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { closeMonth } from "./close-month";
import { issueCorrectionInvoice } from "./correct-invoice";
import { ingestMeteringRecords } from "./ingest";
import { getInvoicePdf } from "./invoice-store";
import { CHAIN_GENESIS, checkInvoiceAgainstChain, entryHashOf, verifyInvoiceChain } from "./invoice-chain";
import { rowsOf } from "./sql-rows";
import { createOrg, h100Usage } from "./testing";

// The archive's tamper evidence: every issued document is chained at issue (by the database,
// whatever code inserts it), an untouched archive verifies, and a document altered behind the
// application's back — by someone who can switch the immutability trigger off — fails, visibly.

describe("invoice hash chain", () => {
  let handle: DbHandle;
  const ids: string[] = [];
  beforeAll(async () => {
    handle = await createTestDatabase();
    for (const org of ["org_chain_a", "org_chain_b"]) {
      await createOrg(handle.db, org, `株式会社${org}`);
      await ingestMeteringRecords(handle.db, [h100Usage(`${org}-oct`, org, "2026-10-05T00:00:00Z", 10), h100Usage(`${org}-nov`, org, "2026-11-05T00:00:00Z", 12)]);
      ids.push((await closeMonth(handle.db, org, "2026-10", new Date("2026-11-01T01:00:00Z"))).invoice.id);
    }
    ids.push((await closeMonth(handle.db, "org_chain_a", "2026-11", new Date("2026-12-01T01:00:00Z"))).invoice.id);
  });
  afterAll(async () => handle.close());

  it("chains every issued document in issue order, each entry linked to the one before", async () => {
    const entries = rowsOf<{ seq: string; invoice_id: string; prev_hash: string; entry_hash: string }>(
      await handle.db.execute(sql`SELECT seq::text, invoice_id, prev_hash, entry_hash FROM invoice_chain ORDER BY seq`),
    );
    expect(entries.map((e) => e.invoice_id)).toEqual(ids);
    expect(entries[0].prev_hash).toBe(CHAIN_GENESIS);
    for (let i = 1; i < entries.length; i++) expect(entries[i].prev_hash).toBe(entries[i - 1].entry_hash);
    const verification = await verifyInvoiceChain(handle.db);
    expect(verification).toMatchObject({ valid: true, entries: 3, problems: [] });
    expect(verification.headHash).toBe(entries[2].entry_hash);
  });

  it("records the SHA-256 of the PDF exactly as downloaded, and an entry hash anyone can recompute", async () => {
    const check = await checkInvoiceAgainstChain(handle.db, ids[1]);
    const pdf = await getInvoicePdf(handle.db, "org_chain_b", ids[1]);
    expect(check.entry?.pdfSha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    expect(check).toMatchObject({ documentMatches: true, pdfMatches: true, entryHashValid: true, linked: true });
    // Node's recomputation agrees with the database function that wrote the entry.
    expect(entryHashOf(check.entry!)).toBe(check.entry!.entryHash);
  });

  it("a correction is chained too, after the documents before it", async () => {
    await ingestMeteringRecords(handle.db, [h100Usage("org_chain_a-oct-late", "org_chain_a", "2026-10-20T00:00:00Z", 3)]);
    const correction = await issueCorrectionInvoice(handle.db, "org_chain_a", ids[0], { now: new Date("2026-11-10T01:00:00Z"), reasonJa: "計量漏れの追加" });
    ids.push(correction.id);
    const check = await checkInvoiceAgainstChain(handle.db, correction.id);
    expect(check.entry?.seq).toBe(4);
    expect((await verifyInvoiceChain(handle.db)).valid).toBe(true);
  });

  it("refuses to change or delete a chain entry, and to truncate the archive", async () => {
    await expect(handle.db.execute(sql`UPDATE invoice_chain SET pdf_sha256 = ${"0".repeat(64)} WHERE seq = 1`)).rejects.toThrow();
    await expect(handle.db.execute(sql`DELETE FROM invoice_chain WHERE seq = 3`)).rejects.toThrow();
    await expect(handle.db.execute(sql`TRUNCATE invoices CASCADE`)).rejects.toThrow();
    await expect(handle.db.execute(sql`DELETE FROM invoices WHERE id = ${ids[0]}`)).rejects.toThrow();
    expect((await verifyInvoiceChain(handle.db)).valid).toBe(true);
  });

  it("fails verification when a stored document or PDF is altered behind the triggers' back", async () => {
    await handle.db.execute(sql`ALTER TABLE invoices DISABLE TRIGGER invoices_immutable`);
    try {
      await handle.db.execute(sql`UPDATE invoices SET document = jsonb_set(document, '{totalJpy}', '1') WHERE id = ${ids[1]}`);
      await handle.db.execute(sql`UPDATE invoices SET pdf = pdf || '\\x20'::bytea WHERE id = ${ids[2]}`);
    } finally {
      await handle.db.execute(sql`ALTER TABLE invoices ENABLE TRIGGER invoices_immutable`);
    }
    const verification = await verifyInvoiceChain(handle.db);
    expect(verification.valid).toBe(false);
    expect(verification.problems.map((p) => [p.invoiceId, p.reason])).toEqual([
      [ids[1], "document_changed"],
      [ids[2], "pdf_changed"],
    ]);
    expect(await checkInvoiceAgainstChain(handle.db, ids[1])).toMatchObject({ documentMatches: false, pdfMatches: true, entryHashValid: true });
    expect(await checkInvoiceAgainstChain(handle.db, ids[0])).toMatchObject({ documentMatches: true, pdfMatches: true });
  });

  it("fails verification when someone rewrites a chain entry (the next entry no longer links to it)", async () => {
    await handle.db.execute(sql`ALTER TABLE invoice_chain DISABLE TRIGGER invoice_chain_append_only`);
    try {
      await handle.db.execute(sql`UPDATE invoice_chain SET entry_hash = ${"f".repeat(64)} WHERE seq = 1`);
    } finally {
      await handle.db.execute(sql`ALTER TABLE invoice_chain ENABLE TRIGGER invoice_chain_append_only`);
    }
    const reasons = (await verifyInvoiceChain(handle.db)).problems.filter((p) => p.reason === "entry_hash_mismatch" || p.reason === "broken_link").map((p) => [p.seq, p.reason]);
    expect(reasons).toEqual([
      [1, "entry_hash_mismatch"],
      [2, "broken_link"],
    ]);
  });
});
