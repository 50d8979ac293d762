import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { ApprovalAction, HeldStage } from "@/lib/domain/approvals";
import type { ApprovalEstimate, ApprovalRefusal, ApprovalRequestStatus, ApprovalSnapshot } from "@/lib/domain/approval-requests";
import type { AuthMethod } from "@/lib/domain/sign-in-policy";

// 稟議 (approval requests) and their decisions. A request keeps the complete order as it would be
// sent and the stages it was made under (a later change of the rule does not move it); decisions
// are append-only, one approval per stage (a unique index: two approvers racing on one stage
// cannot both pass it).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const approvalRequests = pgTable(
  "approval_requests",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    action: text("action").$type<ApprovalAction>().notNull(),
    status: text("status").$type<ApprovalRequestStatus>().notNull(),
    subject: text("subject").notNull(),
    purpose: text("purpose").notNull(),
    /** What the order concerns (the cluster's name), for lists. */
    targetName: text("target_name").notNull(),
    /** The complete order as the create service would record it. */
    order: jsonb("order").$type<Record<string, unknown>>().notNull(),
    monthlyJpy: bigint("monthly_jpy", { mode: "number" }).notNull(),
    estimate: jsonb("estimate").$type<ApprovalEstimate>().notNull(),
    costCenterId: text("cost_center_id"),
    poNumber: text("po_number"),
    /** Capacity and quota as the requester saw them. */
    snapshot: jsonb("snapshot").$type<ApprovalSnapshot>().notNull(),
    policyId: text("policy_id"),
    policyName: text("policy_name").notNull(),
    stages: jsonb("stages").$type<HeldStage[]>().notNull(),
    /** Index of the stage awaiting a decision (= stages.length once all approved). */
    currentStage: integer("current_stage").notNull().default(0),
    requesterUserId: text("requester_user_id").notNull(),
    requesterName: text("requester_name").notNull(),
    requesterEmail: text("requester_email").notNull(),
    /** How the requester had signed in: the order runs as theirs, under the org's sign-in policy. */
    requesterAmr: jsonb("requester_amr").$type<AuthMethod[]>().notNull(),
    previousRequestId: text("previous_request_id"),
    idempotencyKey: text("idempotency_key"),
    fingerprint: text("fingerprint").notNull(),
    expiresAt: ts("expires_at").notNull(),
    operationId: text("operation_id"),
    refusal: jsonb("refusal").$type<ApprovalRefusal>(),
    finishedAt: ts("finished_at"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("approval_requests_org_idx").on(t.orgId, t.id),
    index("approval_requests_open_idx").on(t.status, t.expiresAt),
    uniqueIndex("approval_requests_org_idempotency_idx").on(t.orgId, t.idempotencyKey),
  ],
);

export const approvalDecisions = pgTable(
  "approval_decisions",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    requestId: text("request_id").notNull(),
    stageIndex: integer("stage_index").notNull(),
    stageName: text("stage_name").notNull(),
    decision: text("decision").$type<"approve" | "reject">().notNull(),
    comment: text("comment").notNull(),
    deciderUserId: text("decider_user_id").notNull(),
    deciderName: text("decider_name").notNull(),
    /** 代理承認: the approver whose authority the delegate used. */
    onBehalfOfUserId: text("on_behalf_of_user_id"),
    onBehalfOfName: text("on_behalf_of_name"),
    delegationId: text("delegation_id"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [uniqueIndex("approval_decisions_stage_idx").on(t.requestId, t.stageIndex), index("approval_decisions_org_idx").on(t.orgId, t.requestId)],
);
