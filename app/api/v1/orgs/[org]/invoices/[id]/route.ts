import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { getInvoiceDetail } from "@/lib/services/billing/get-invoice";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getInvoiceDetail(principal, params.org, params.id)));
