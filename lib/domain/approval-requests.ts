import { z } from "zod";
import { AccountManagerStage, APPROVAL_ACTIONS, ApprovalApprovers } from "./approvals";
export { ApprovalRequestInput } from "./approvals";
import { PoolCheck, QuotaCheck } from "./clusters";
import type { ConsoleOperation } from "./operations";

// 稟議 (approval requests): an order that a rule holds for approval, its stages and decisions.
// Pure shapes and rules; the services in lib/services/approvals load and store them.

export const APPROVAL_REQUEST_STATUSES = [
  "pending", // awaiting the decision of `currentStage`
  "approved", // every stage approved; the order is being run as the requester's
  "executed", // the order was accepted: `operationId` follows it
  "refused", // approved, but the re-check at approval refused it (`refusal` says why)
  "rejected",
  "withdrawn",
  "expired",
] as const;
export type ApprovalRequestStatus = (typeof APPROVAL_REQUEST_STATUSES)[number];
export const OPEN_APPROVAL_STATUSES = ["pending", "approved"] as const satisfies readonly ApprovalRequestStatus[];


export const ApprovalEstimate = z.object({
  currency: z.literal("JPY"),
  /** Contract prices when a contract is in force, list prices otherwise (excl. tax). */
  basis: z.enum(["contract", "list"]),
  perHour: z.number(),
  perMonth: z.number().int(),
  periodMonths: z.number().int(),
  perPeriod: z.number().int(),
});
export type ApprovalEstimate = z.infer<typeof ApprovalEstimate>;

export const ApprovalSnapshot = z.object({
  /** When the control plane could not be asked, capacity is unknown (the re-check at approval decides). */
  capacityKnown: z.boolean(),
  pools: z.array(PoolCheck),
  quota: z.array(QuotaCheck),
});
export type ApprovalSnapshot = z.infer<typeof ApprovalSnapshot>;

export const ApprovalRefusal = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).nullable() });
export type ApprovalRefusal = z.infer<typeof ApprovalRefusal>;

export const ApprovalDecisionView = z.object({
  id: z.string(),
  decision: z.enum(["approve", "reject"]),
  comment: z.string(),
  deciderUserId: z.string(),
  deciderName: z.string(),
  /** Set when a delegate (代理) decided with this approver's authority. */
  onBehalfOfUserId: z.string().nullable(),
  onBehalfOfName: z.string().nullable(),
  decidedAt: z.string(),
});
export type ApprovalDecisionView = z.infer<typeof ApprovalDecisionView>;

export const ApprovalStageView = z.object({
  name: z.string(),
  approvers: ApprovalApprovers,
  /** Set on the account manager's stage (a contract setting): staff decide it, no member can. */
  accountManager: AccountManagerStage.nullable(),
  state: z.enum(["approved", "rejected", "awaiting", "waiting", "not_reached"]),
  decision: ApprovalDecisionView.nullable(),
});
export type ApprovalStageView = z.infer<typeof ApprovalStageView>;

export const ApprovalRequest = z.object({
  id: z.string(),
  action: z.enum(APPROVAL_ACTIONS),
  status: z.enum(APPROVAL_REQUEST_STATUSES),
  subject: z.string(),
  purpose: z.string(),
  targetName: z.string(),
  /** The complete order as it will be sent on final approval. */
  order: z.record(z.string(), z.unknown()),
  estimate: ApprovalEstimate,
  costCenterId: z.string().nullable(),
  poNumber: z.string().nullable(),
  snapshot: ApprovalSnapshot,
  policy: z.object({ id: z.string().nullable(), name: z.string() }),
  stages: z.array(ApprovalStageView),
  currentStage: z.number().int(),
  requester: z.object({ userId: z.string(), name: z.string(), email: z.string() }),
  previousRequestId: z.string().nullable(),
  expiresAt: z.string(),
  operationId: z.string().nullable(),
  refusal: ApprovalRefusal.nullable(),
  finishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do now. */
  viewer: z.object({ canDecide: z.boolean(), decidesOnBehalfOf: z.string().nullable(), decidesOnBehalfOfName: z.string().nullable(), canWithdraw: z.boolean() }),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequest>;

export const DecideApprovalRequestInput = z.object({
  decision: z.enum(["approve", "reject"]),
  /** Required when rejecting: the requester must know why. */
  comment: z.string().trim().max(2000).default(""),
}).refine((d) => d.decision === "approve" || d.comment.length > 0, { message: "a rejection needs a comment", path: ["comment"] });
export type DecideApprovalRequestInput = z.input<typeof DecideApprovalRequestInput>;

export const ResubmitApprovalRequestInput = z.object({ subject: z.string().trim().min(1).max(120).optional(), purpose: z.string().trim().min(1).max(2000).optional() });
export type ResubmitApprovalRequestInput = z.infer<typeof ResubmitApprovalRequestInput>;

export const ApprovalRequestListQuery = z.object({
  /** "mine": requests I made; "to_decide": requests awaiting my decision (as approver or delegate). */
  view: z.enum(["all", "mine", "to_decide"]).default("all"),
  status: z.enum(APPROVAL_REQUEST_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type ApprovalRequestListQuery = z.infer<typeof ApprovalRequestListQuery>;

/** The instant a request made at `createdAt` expires under a rule of `days` days. */
export const approvalExpiry = (createdAt: Date, days: number): Date => new Date(createdAt.getTime() + days * 86_400_000);

/** What an order that a 稟議 rule may hold gives: its operation, or the request it waits in. */
export type HeldOrOrdered = { kind: "operation"; operation: ConsoleOperation } | { kind: "approval_request"; approvalRequest: ApprovalRequest };
