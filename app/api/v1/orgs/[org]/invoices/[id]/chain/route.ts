import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { checkInvoiceChain } from "@/lib/services/billing/verify-invoice-chain";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await checkInvoiceChain(principal, params.org, params.id)));
