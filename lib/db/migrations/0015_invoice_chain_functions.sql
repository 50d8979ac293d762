-- The invoice archive's hash chain (電子帳簿保存法, 電子取引データの保存): every issued invoice or
-- correction gets an entry in invoice_chain the moment its row is inserted, whatever code inserts
-- it. An entry holds the SHA-256 of the stored JSON document (its jsonb text form) and of the PDF
-- bytes, and the hash of the previous entry; the entry hash covers all of it. The chain is
-- append-only. Invoices issued before this migration are chained here, in issue order.
CREATE FUNCTION invoice_document_sha256(doc jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(doc::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- The entry hash, as lib/billing/invoice-chain.ts entryHashOf computes it too (an independent check):
-- SHA-256 of the fields joined by newlines, the time in UTC with microseconds.
CREATE FUNCTION invoice_chain_entry_hash(p_seq bigint, p_invoice_id text, p_number text, p_org_id text, p_doc text, p_pdf text, p_prev text, p_at timestamptz)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\n', 'hinoki-invoice-chain-v1', p_seq::text, p_invoice_id, p_number, p_org_id, p_doc, p_pdf, p_prev,
    to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Appends one invoice (once: a second call returns the existing entry). Serialised by a
-- transaction-scoped advisory lock, so concurrent month closes form one line, never a fork.
CREATE FUNCTION invoice_chain_append(p_invoice_id text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  inv record;
  head record;
  next_seq bigint := 1;
  prev text := repeat('0', 64);
  doc_hash text;
  pdf_hash text;
  at timestamptz := date_trunc('milliseconds', clock_timestamp());
  entry text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('hinoki:invoice_chain'));
  SELECT c.entry_hash INTO entry FROM invoice_chain c WHERE c.invoice_id = p_invoice_id;
  IF FOUND THEN RETURN entry; END IF;
  SELECT i.id, i.org_id, i.number, i.document, i.pdf INTO inv FROM invoices i WHERE i.id = p_invoice_id;
  IF NOT FOUND THEN RAISE EXCEPTION 'invoice % not found', p_invoice_id; END IF;
  SELECT c.seq, c.entry_hash INTO head FROM invoice_chain c ORDER BY c.seq DESC LIMIT 1;
  IF FOUND THEN
    next_seq := head.seq + 1;
    prev := head.entry_hash;
  END IF;
  doc_hash := invoice_document_sha256(inv.document);
  pdf_hash := encode(sha256(inv.pdf), 'hex');
  entry := invoice_chain_entry_hash(next_seq, inv.id, inv.number, inv.org_id, doc_hash, pdf_hash, prev, at);
  INSERT INTO invoice_chain (seq, invoice_id, org_id, invoice_number, document_sha256, pdf_sha256, prev_hash, entry_hash, recorded_at)
    VALUES (next_seq, inv.id, inv.org_id, inv.number, doc_hash, pdf_hash, prev, entry, at);
  RETURN entry;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION invoices_chain_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM invoice_chain_append(NEW.id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_chained AFTER INSERT ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_chain_on_insert();
--> statement-breakpoint
CREATE FUNCTION invoice_chain_refuse_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the invoice chain is append-only' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoice_chain_append_only BEFORE UPDATE OR DELETE ON invoice_chain FOR EACH ROW EXECUTE FUNCTION invoice_chain_refuse_changes();
--> statement-breakpoint
-- Row triggers do not see TRUNCATE: refuse it on both archive tables too.
CREATE FUNCTION invoice_archive_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is kept for at least 10 years and cannot be truncated', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoice_chain_no_truncate BEFORE TRUNCATE ON invoice_chain FOR EACH STATEMENT EXECUTE FUNCTION invoice_archive_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER invoices_no_truncate BEFORE TRUNCATE ON invoices FOR EACH STATEMENT EXECUTE FUNCTION invoice_archive_refuse_truncate();
--> statement-breakpoint
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT id FROM invoices ORDER BY issued_at, id LOOP
    PERFORM invoice_chain_append(r.id);
  END LOOP;
END;
$$;
