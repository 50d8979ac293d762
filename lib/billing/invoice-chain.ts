import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { rowsOf } from "./sql-rows";

// Verifying the invoice archive's hash chain (the chain itself is written by the database at
// issue: the custom migration invoice_chain_functions). Each entry's hash is recomputed here in Node from its fields — not by
// the database function that wrote it — its link to the previous entry is checked, and the stored
// document and PDF are hashed again and compared with what the entry recorded at issue.

export const CHAIN_GENESIS = "0".repeat(64);

export interface ChainEntryFields {
  seq: number;
  invoiceId: string;
  invoiceNumber: string;
  orgId: string;
  documentSha256: string;
  pdfSha256: string;
  prevHash: string;
  recordedAt: Date;
}

/** SHA-256 of the fields joined by "\n" (the recipe an auditor can repeat with any SHA-256 tool). */
export function entryHashOf(e: ChainEntryFields): string {
  const at = e.recordedAt.toISOString().replace("Z", "000Z");
  const text = ["hinoki-invoice-chain-v1", String(e.seq), e.invoiceId, e.invoiceNumber, e.orgId, e.documentSha256, e.pdfSha256, e.prevHash, at].join("\n");
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export type ChainProblemReason = "entry_hash_mismatch" | "broken_link" | "sequence_gap" | "document_changed" | "pdf_changed" | "invoice_missing" | "not_chained";

export interface ChainProblem {
  seq: number | null;
  invoiceId: string;
  orgId: string;
  invoiceNumber: string;
  reason: ChainProblemReason;
}

export interface ChainEntry extends ChainEntryFields {
  entryHash: string;
}

export interface ChainVerification {
  valid: boolean;
  entries: number;
  headHash: string;
  problems: ChainProblem[];
}

interface EntryRow {
  seq: string;
  invoice_id: string;
  invoice_number: string;
  org_id: string;
  document_sha256: string;
  pdf_sha256: string;
  prev_hash: string;
  entry_hash: string;
  recorded_at: string | Date;
  document_now: string | null;
  pdf_now: string | null;
}

function toEntry(r: EntryRow): ChainEntry {
  return {
    seq: Number(r.seq),
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    orgId: r.org_id,
    documentSha256: r.document_sha256,
    pdfSha256: r.pdf_sha256,
    prevHash: r.prev_hash,
    entryHash: r.entry_hash,
    recordedAt: new Date(r.recorded_at),
  };
}

const PAGE = 500;

/** Walks the whole chain in pages; reads only. */
export async function verifyInvoiceChain(db: DbOrTx): Promise<ChainVerification> {
  const problems: ChainProblem[] = [];
  let prev = CHAIN_GENESIS;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const rows = rowsOf<EntryRow>(
      await db.execute(sql`
        SELECT c.seq::text, c.invoice_id, c.invoice_number, c.org_id, c.document_sha256, c.pdf_sha256, c.prev_hash, c.entry_hash, c.recorded_at,
          invoice_document_sha256(i.document) AS document_now, encode(sha256(i.pdf), 'hex') AS pdf_now
        FROM invoice_chain c LEFT JOIN invoices i ON i.id = c.invoice_id
        WHERE c.seq >= ${expectedSeq}
        ORDER BY c.seq LIMIT ${PAGE}`),
    );
    for (const r of rows) {
      const e = toEntry(r);
      const problem = (reason: ChainProblemReason) => problems.push({ seq: e.seq, invoiceId: e.invoiceId, orgId: e.orgId, invoiceNumber: e.invoiceNumber, reason });
      if (e.seq !== expectedSeq) problem("sequence_gap");
      if (e.prevHash !== prev) problem("broken_link");
      if (entryHashOf(e) !== e.entryHash) problem("entry_hash_mismatch");
      if (r.document_now === null) problem("invoice_missing");
      else {
        if (r.document_now !== e.documentSha256) problem("document_changed");
        if (r.pdf_now !== e.pdfSha256) problem("pdf_changed");
      }
      prev = e.entryHash;
      expectedSeq = e.seq + 1;
      entries++;
    }
    if (rows.length < PAGE) break;
  }
  // An invoice row the chain never recorded was not issued through the archive.
  const unchained = rowsOf<{ id: string; org_id: string; number: string }>(
    await db.execute(sql`SELECT i.id, i.org_id, i.number FROM invoices i WHERE NOT EXISTS (SELECT 1 FROM invoice_chain c WHERE c.invoice_id = i.id) ORDER BY i.id LIMIT 100`),
  );
  for (const u of unchained) problems.push({ seq: null, invoiceId: u.id, orgId: u.org_id, invoiceNumber: u.number, reason: "not_chained" });
  return { valid: problems.length === 0, entries, headHash: prev, problems };
}

export interface InvoiceChainCheck {
  entry: ChainEntry | null;
  documentSha256Now: string;
  pdfSha256Now: string;
  documentMatches: boolean;
  pdfMatches: boolean;
  entryHashValid: boolean;
  /** The previous entry's hash is what this entry says it follows. */
  linked: boolean;
}

/** One invoice against its chain entry (the caller has already scoped the invoice to its org). */
export async function checkInvoiceAgainstChain(db: DbOrTx, invoiceId: string): Promise<InvoiceChainCheck> {
  const [r] = rowsOf<EntryRow & { prev_entry_hash: string | null; now_doc: string; now_pdf: string }>(
    await db.execute(sql`
      SELECT c.seq::text, c.invoice_id, c.invoice_number, c.org_id, c.document_sha256, c.pdf_sha256, c.prev_hash, c.entry_hash, c.recorded_at,
        p.entry_hash AS prev_entry_hash,
        invoice_document_sha256(i.document) AS now_doc, encode(sha256(i.pdf), 'hex') AS now_pdf
      FROM invoices i
      LEFT JOIN invoice_chain c ON c.invoice_id = i.id
      LEFT JOIN invoice_chain p ON p.seq = c.seq - 1
      WHERE i.id = ${invoiceId}`),
  );
  if (!r || r.seq === null) {
    return { entry: null, documentSha256Now: r?.now_doc ?? "", pdfSha256Now: r?.now_pdf ?? "", documentMatches: false, pdfMatches: false, entryHashValid: false, linked: false };
  }
  const entry = toEntry(r);
  return {
    entry,
    documentSha256Now: r.now_doc,
    pdfSha256Now: r.now_pdf,
    documentMatches: r.now_doc === entry.documentSha256,
    pdfMatches: r.now_pdf === entry.pdfSha256,
    entryHashValid: entryHashOf(entry) === entry.entryHash,
    linked: entry.seq === 1 ? entry.prevHash === CHAIN_GENESIS : r.prev_entry_hash === entry.prevHash,
  };
}
