import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { CloseMonthInput } from "@/lib/domain/billing-api";
import { closeMonthAsStaff } from "@/lib/services/billing/close-billing-month";

export const POST = apiRoute({ body: CloseMonthInput }, async ({ principal, body }) => ok(await closeMonthAsStaff(principal, body)));
