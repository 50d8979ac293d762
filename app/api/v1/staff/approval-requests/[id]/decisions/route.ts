// Staff routes read the body as-is and let the service validate it after the staff check, so a
// customer gets the same 404 whatever they send.
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { IdParam } from "@/lib/api/params";
import type { DecideApprovalRequestInput } from "@/lib/domain/approval-requests";
import { processControlPlane } from "@/lib/services/process-control-plane";
import { decideAccountManagerApproval } from "@/lib/services/staff/decide-account-manager-approval";

// The account manager's 承認・却下 of a large reservation; the approval runs the order at once
// (the answer shows it executed, or refused with its reason); a retry under the same
// Idempotency-Key replays the answer.
export const POST = apiRoute({ params: z.object({ id: IdParam }), body: z.unknown(), idempotent: true }, async ({ principal, params, body }) =>
  ok(await decideAccountManagerApproval(await processControlPlane(), principal, params.id, body as DecideApprovalRequestInput)),
);
