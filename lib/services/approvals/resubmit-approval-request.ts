import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { ResubmitApprovalRequestInput } from "@/lib/domain/approval-requests";
import { AppError, notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import type { HeldOrOrdered } from "@/lib/domain/approval-requests";
import { loadApprovalRequestRow } from "./approval-request-records";
import { HELD_ORDER_SERVICES } from "./held-order-services";
import type { HoldableOrderOptions } from "./request-approval";

// 再申請: the requester asks again after a rejection, a withdrawal, an expiry or a refusal. The
// same order goes through the same create service as a new one (the rule that applies now
// decides: it may need approval again, in the stages in force today, or none).

const FINISHED = ["rejected", "withdrawn", "expired", "refused"];

export async function resubmitApprovalRequest(cp: ControlPlane, principal: Principal, slug: string, id: string, raw: ResubmitApprovalRequestInput, options: Pick<HoldableOrderOptions, "idempotencyKey" | "outcome"> = {}): Promise<HeldOrOrdered> {
  const input = ResubmitApprovalRequestInput.parse(raw ?? {});
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const row = await loadApprovalRequestRow(db, orgId, id);
  if (!row) throw notFound("approval request");
  if (row.requesterUserId !== principal.userId) throw new AppError("forbidden", "only the requester may request again");
  if (!FINISHED.includes(row.status)) throw new AppError("conflict", `this request is ${row.status}`, { status: row.status });
  const service = HELD_ORDER_SERVICES[row.action];
  if (!service) throw new AppError("business_rule", `re-requesting ${row.action} is not supported yet`);
  const approval = { subject: input.subject ?? row.subject, purpose: input.purpose ?? row.purpose, periodMonths: row.estimate.periodMonths };
  return service(cp, principal, slug, { ...row.order, approval }, { ...options, previousRequestId: row.id });
}
