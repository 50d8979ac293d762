import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { InvoiceListQuery, InvoiceSummaryView } from "@/lib/domain/billing-api";
import { orgContext } from "../access/org-context";
import { searchInvoiceSummaries } from "./invoice-search";

// Issued invoices, newest first, searchable as 電子帳簿保存法 asks of kept invoices: by date
// (issue date range), amount (total range) and counterparty (取引先). Keyset on the invoice id,
// which sorts by issue time.

export interface InvoiceList {
  items: InvoiceSummaryView[];
  nextAfterId: string | null;
}

export async function listInvoices(
  principal: Principal,
  slug: string,
  query: Omit<InvoiceListQuery, "cursor" | "format"> & { beforeId?: string },
  now: Date = new Date(),
): Promise<InvoiceList> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const rows = await searchInvoiceSummaries(db, [orgId], query, query.limit + 1, now);
  const page = rows.slice(0, query.limit);
  return { items: page, nextAfterId: rows.length > query.limit ? page[page.length - 1].id : null };
}
