import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { decodeCursor, encodeCursor } from "@/lib/api/pagination";
import { InvoiceListQuery } from "@/lib/domain/billing-api";
import { exportInvoiceArchiveCsv } from "@/lib/services/billing/export-invoice-archive-csv";
import { listInvoices } from "@/lib/services/billing/list-invoices";

export const GET = apiRoute({ params: OrgParams, query: InvoiceListQuery }, async ({ principal, params, query }) => {
  const { cursor, format, ...filter } = query;
  if (format === "csv") {
    const file = await exportInvoiceArchiveCsv(principal, params.org, filter);
    return new Response(file.body, { status: 200, headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file.filename}"` } });
  }
  const after = decodeCursor<{ id: string }>(cursor, ["id"]);
  const page = await listInvoices(principal, params.org, { ...filter, beforeId: after ? String(after.id) : undefined });
  return ok({ items: page.items, nextCursor: page.nextAfterId ? encodeCursor({ id: page.nextAfterId }) : null });
});
