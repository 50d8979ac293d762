import "server-only";
import { eq } from "drizzle-orm";
import { orgs, staffAssignments } from "@/lib/db/schema";
import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";
import { jstDateOf } from "@/lib/domain/billing";
import type { StaffInvoiceListQuery } from "@/lib/domain/billing-api";
import { requireStaff } from "../staff/require-staff";
import { archiveCsv } from "./export-invoice-archive-csv";
import { searchInvoiceSummaries } from "./invoice-search";
import type { InvoiceList } from "./list-invoices";

// The archive search across customers, for the provider's own 電子帳簿保存法 duties: a platform
// admin searches every account, an account manager the accounts assigned to them.

async function visibleOrgIds(principal: Principal, orgSlug: string | undefined): Promise<string[] | null> {
  const role = requireStaff(principal);
  const db = await getDb();
  let ids: string[] | null = null;
  if (role !== "platform_admin") {
    ids = (await db.select({ orgId: staffAssignments.orgId }).from(staffAssignments).where(eq(staffAssignments.staffUserId, principal.userId))).map((r) => r.orgId);
  }
  if (orgSlug) {
    const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, orgSlug));
    const id = org?.id ?? "∅";
    ids = ids === null || ids.includes(id) ? [id] : [];
  }
  return ids;
}

export async function searchStaffInvoices(principal: Principal, query: Omit<StaffInvoiceListQuery, "cursor" | "format"> & { beforeId?: string }, now: Date = new Date()): Promise<InvoiceList> {
  const orgIds = await visibleOrgIds(principal, query.org);
  const rows = await searchInvoiceSummaries(await getDb(), orgIds, query, query.limit + 1, now);
  const page = rows.slice(0, query.limit);
  return { items: page, nextAfterId: rows.length > query.limit ? page[page.length - 1].id : null };
}

export async function exportStaffInvoiceArchiveCsv(principal: Principal, query: Omit<StaffInvoiceListQuery, "cursor" | "format" | "limit">, now: Date = new Date()): Promise<{ filename: string; body: string }> {
  const orgIds = await visibleOrgIds(principal, query.org);
  const db = await getDb();
  const rows = await searchInvoiceSummaries(db, orgIds, query, 10_000, now);
  return { filename: `hinoki-invoices-all-${jstDateOf(now)}.csv`, body: await archiveCsv(db, rows) };
}
