import { z } from "zod";
import { APPROVAL_REQUEST_STATUSES, ApprovalRequest } from "./approval-requests";

// The account manager's side of large reservations (Contract.reservationApprovalAboveJpy): the
// 稟議 of their accounts that carry the account manager's stage, as the staff console lists them.

export const StaffApprovalRequest = ApprovalRequest.extend({
  org: z.object({ slug: z.string(), legalNameJa: z.string(), legalNameEn: z.string() }),
  /** The contract threshold the total commitment exceeded. */
  thresholdJpy: z.number().int(),
  /** True while the account manager's stage is the one awaited (earlier stages are the customer's). */
  awaitsAccountManager: z.boolean(),
});
export type StaffApprovalRequest = z.infer<typeof StaffApprovalRequest>;

export const StaffApprovalRequestQuery = z.object({
  status: z.enum(APPROVAL_REQUEST_STATUSES).optional().describe("default: pending"),
  org: z.string().max(64).optional().describe("one account's requests (slug)"),
});
export type StaffApprovalRequestQuery = z.infer<typeof StaffApprovalRequestQuery>;
