import { z } from "zod";
import { IdParam } from "../../params";
import { ListQuery, page } from "@/lib/domain/common";
import { DecideApprovalRequestInput } from "@/lib/domain/approval-requests";
import { StaffApprovalRequest, StaffApprovalRequestQuery } from "@/lib/domain/staff-approvals";
import type { ApiOperation } from "../types";

// The account manager's approval of large reservations (Contract.reservationApprovalAboveJpy).
const only = "Staff only (customers get 404); an account manager sees only their assigned accounts; platform admins see every account and decide for accounts without a manager.";

export const staffApprovalOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/staff/approval-requests",
    operationId: "listStaffApprovalRequests",
    summary: `Reservation orders of the caller's accounts that wait for (or waited for) the account manager's approval, because their total commitment exceeds the contract's threshold: pending oldest first, others newest first. ${only}`,
    tag: "Staff",
    query: ListQuery.extend(StaffApprovalRequestQuery.shape),
    responses: { 200: { description: "Requests", schema: page(StaffApprovalRequest) } },
  },
  {
    method: "post",
    path: "/api/v1/staff/approval-requests/{id}/decisions",
    operationId: "decideStaffApprovalRequest",
    summary: `Approve, or reject with a reason, the account manager's stage of a request (after the customer's own 稟議 stages). The approval runs the order at once, checked again (capacity may be gone: the request ends refused with the reason); audited in the customer's log and the staff log; the requester is notified. ${only}`,
    tag: "Staff",
    params: z.object({ id: IdParam }),
    body: DecideApprovalRequestInput,
    idempotent: true,
    responses: { 200: { description: "The decided request", schema: StaffApprovalRequest }, 409: { description: "Decided already, expired, or the customer's stage is still to decide" } },
  },
];
