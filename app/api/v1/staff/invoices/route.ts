import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { decodeCursor, encodeCursor } from "@/lib/api/pagination";
import { StaffInvoiceListQuery } from "@/lib/domain/billing-api";
import { exportStaffInvoiceArchiveCsv, searchStaffInvoices } from "@/lib/services/billing/search-staff-invoices";

export const GET = apiRoute({ query: StaffInvoiceListQuery }, async ({ principal, query }) => {
  const { cursor, format, ...filter } = query;
  if (format === "csv") {
    const file = await exportStaffInvoiceArchiveCsv(principal, filter);
    return new Response(file.body, { status: 200, headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file.filename}"` } });
  }
  const after = decodeCursor<{ id: string }>(cursor, ["id"]);
  const page = await searchStaffInvoices(principal, { ...filter, beforeId: after ? String(after.id) : undefined });
  return ok({ items: page.items, nextCursor: page.nextAfterId ? encodeCursor({ id: page.nextAfterId }) : null });
});
