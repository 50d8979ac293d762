import type { ApprovalRequest } from "@/lib/domain/approval-requests";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { operationAccepted } from "./operation-accepted";
import { accepted, type ApiResult } from "./responses";

// An order a 稟議 rule holds answers 202 with the approval request (not an Operation) and a
// Location to follow it; once approved and run, the request names its operationId.

export const approvalAccepted = (org: string, request: ApprovalRequest): ApiResult => accepted(request, `/api/v1/orgs/${org}/approval-requests/${request.id}`);

export type HeldOrOrdered = { kind: "operation"; operation: ConsoleOperation } | { kind: "approval_request"; approvalRequest: ApprovalRequest };

export const clusterOrderAccepted = (org: string, order: HeldOrOrdered): ApiResult =>
  order.kind === "operation" ? operationAccepted(org, order.operation) : approvalAccepted(org, order.approvalRequest);
