import type { ApprovalRequest, HeldOrOrdered } from "@/lib/domain/approval-requests";
import { operationAccepted } from "./operation-accepted";
import { accepted, type ApiResult } from "./responses";

// An order a 稟議 rule holds answers 202 with the approval request (not an Operation) and a
// Location to follow it; once approved and run, the request names its operationId.

export const approvalAccepted = (org: string, request: ApprovalRequest): ApiResult => accepted(request, `/api/v1/orgs/${org}/approval-requests/${request.id}`);

export type { HeldOrOrdered };

/** Any order a 稟議 rule may hold (cluster, endpoint, node pool, reservation): the same two answers. */
export const orderAccepted = (org: string, order: HeldOrOrdered): ApiResult =>
  order.kind === "operation" ? operationAccepted(org, order.operation) : approvalAccepted(org, order.approvalRequest);
