// Staff routes read the body as-is and let the service validate it after the staff check, so a
// customer gets the same 404 whatever they send.
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { IdParam } from "@/lib/api/params";
import type { DecideQuotaRequestInput } from "@/lib/domain/staff";
import { decideQuotaRequest } from "@/lib/services/staff/decide-quota-request";

export const PATCH = apiRoute({ params: z.object({ id: IdParam }), body: z.unknown() }, async ({ principal, params, body }) =>
  ok(await decideQuotaRequest(principal, params.id, body as DecideQuotaRequestInput)),
);
