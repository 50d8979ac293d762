import { bigint, date, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { ApprovalAction, ApprovalStage } from "@/lib/domain/approvals";

// 稟議 rules and 代理承認 (delegations) per org. A delegation is revoked, never deleted: a
// decision taken under it must still show whose authority it used.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const approvalPolicies = pgTable(
  "approval_policies",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    name: text("name").notNull(),
    actions: jsonb("actions").$type<ApprovalAction[]>().notNull(),
    thresholdMonthlyJpy: bigint("threshold_monthly_jpy", { mode: "number" }).notNull(),
    stages: jsonb("stages").$type<ApprovalStage[]>().notNull(),
    expiresAfterDays: integer("expires_after_days").notNull(),
    createdBy: text("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("approval_policies_org_idx").on(t.orgId, t.id)],
);

export const approvalDelegations = pgTable(
  "approval_delegations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    delegatorUserId: text("delegator_user_id").notNull(),
    delegateUserId: text("delegate_user_id").notNull(),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    toDate: date("to_date", { mode: "string" }).notNull(),
    reason: text("reason"),
    revokedAt: ts("revoked_at"),
    createdBy: text("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("approval_delegations_org_idx").on(t.orgId, t.delegateUserId, t.toDate)],
);
