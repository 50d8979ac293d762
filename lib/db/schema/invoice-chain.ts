import { bigint, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

// The invoice archive's tamper evidence (電子帳簿保存法): one entry per issued document, in
// issue order, each holding the SHA-256 of the invoice's JSON document and PDF and the hash of
// the previous entry. Append-only: a trigger refuses UPDATE and DELETE (custom migration).

export const invoiceChain = pgTable(
  "invoice_chain",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    invoiceId: text("invoice_id").notNull(),
    orgId: text("org_id").notNull(),
    invoiceNumber: text("invoice_number").notNull(),
    documentSha256: text("document_sha256").notNull(),
    pdfSha256: text("pdf_sha256").notNull(),
    prevHash: text("prev_hash").notNull(),
    entryHash: text("entry_hash").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [uniqueIndex("invoice_chain_invoice_key").on(t.invoiceId), uniqueIndex("invoice_chain_prev_key").on(t.prevHash), uniqueIndex("invoice_chain_entry_key").on(t.entryHash)],
);
