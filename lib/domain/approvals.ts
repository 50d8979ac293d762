import { z } from "zod";
import { addDays, JstDate, jstDayStart } from "./billing/jst";
import { ORG_ROLES, type OrgRole } from "./permissions";

// 稟議 (approval) rules: which actions need approval above which estimated monthly amount (yen,
// at the org's contract prices), decided by whom (roles or named members) in which stages, and
// 代理承認 (a delegate deciding for an approver during a stated period of JST days). Pure: the
// services load policies and delegations and ask these functions.

export const APPROVAL_ACTIONS = ["cluster.create", "node_pool.scale_up", "endpoint.create", "endpoint.scale_up", "quota_request.create", "reservation.create"] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/**
 * A quota request orders nothing: it asks the account manager for a higher limit, costs no yen,
 * and every order that later uses the room (cluster, node pool, endpoint, reservation) asks the
 * rules for itself. A rule's yen threshold has no honest meaning for it, so a rule may not name
 * it (a 400 naming `actions`) rather than seeming to protect what it cannot weigh.
 */
const NOT_HOLDABLE: readonly ApprovalAction[] = ["quota_request.create"];
/** The actions a rule may name (what the policy form offers). */
export const POLICY_ACTIONS = APPROVAL_ACTIONS.filter((a) => !NOT_HOLDABLE.includes(a));
const holdableActions = (actions: readonly ApprovalAction[]) => !actions.some((a) => NOT_HOLDABLE.includes(a));
const notHoldable = { message: "quota_request.create cannot have an approval rule: a quota request costs nothing; every order that uses the quota is checked against the rules itself" };

const UserId = z.string().min(1).max(64);

export const ApprovalApprovers = z
  .object({ roles: z.array(z.enum(ORG_ROLES)).max(5).default([]), userIds: z.array(UserId).max(20).default([]) })
  .refine((a) => a.roles.length + a.userIds.length > 0, "a stage needs at least one approver role or member");
export type ApprovalApprovers = z.infer<typeof ApprovalApprovers>;

export const ApprovalStage = z.object({ name: z.string().trim().min(1).max(60), approvers: ApprovalApprovers });
export type ApprovalStage = z.infer<typeof ApprovalStage>;

/**
 * The account manager's stage a contract setting adds to a large reservation's 稟議 (never part
 * of a rule, which members write): decided by the org's assigned account manager on the staff
 * console (a platform admin when none is assigned), never by a member of the org.
 */
export const AccountManagerStage = z.object({ thresholdJpy: z.number().int() });
export type AccountManagerStage = z.infer<typeof AccountManagerStage>;
/** A stage of a recorded 稟議: a rule's, or the account manager's. */
export type HeldStage = ApprovalStage & { accountManager?: AccountManagerStage };

/** The account manager's stage for a contract threshold (its name is for API readers; the console localises it). */
export function accountManagerStage(thresholdJpy: number): HeldStage {
  return { name: "account_manager", approvers: { roles: [], userIds: [] }, accountManager: { thresholdJpy } };
}

/** 件名 and 目的, given with an order that needs approval (the wizard asks when a rule applies). */
export const ApprovalRequestInput = z.object({
  subject: z.string().trim().min(1).max(120),
  purpose: z.string().trim().min(1).max(2000),
  /** The period the estimate is stated for (months; default 12). */
  periodMonths: z.number().int().min(1).max(60).default(12),
});
export type ApprovalRequestInput = z.infer<typeof ApprovalRequestInput>;

export const CreateApprovalPolicyInput = z.object({
  name: z.string().trim().min(1).max(100),
  actions: z.array(z.enum(APPROVAL_ACTIONS)).min(1).refine(holdableActions, notHoldable).transform((a) => [...new Set(a)]),
  /** Applies when the estimated monthly amount (excl. tax) is at least this many yen. */
  thresholdMonthlyJpy: z.number().int().min(0).max(1e13),
  stages: z.array(ApprovalStage).min(1).max(5),
  /** A request not decided within this many days expires. */
  expiresAfterDays: z.number().int().min(1).max(90).default(14),
});
export type CreateApprovalPolicyInput = z.input<typeof CreateApprovalPolicyInput>;
export type ApprovalPolicyTerms = z.output<typeof CreateApprovalPolicyInput>;

export const UpdateApprovalPolicyInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    actions: z.array(z.enum(APPROVAL_ACTIONS)).min(1).refine(holdableActions, notHoldable).optional(),
    thresholdMonthlyJpy: z.number().int().min(0).max(1e13).optional(),
    stages: z.array(ApprovalStage).min(1).max(5).optional(),
    expiresAfterDays: z.number().int().min(1).max(90).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "nothing to change");
export type UpdateApprovalPolicyInput = z.input<typeof UpdateApprovalPolicyInput>;

export const ApprovalPolicy = z.object({
  id: z.string(),
  name: z.string(),
  actions: z.array(z.enum(APPROVAL_ACTIONS)),
  thresholdMonthlyJpy: z.number().int(),
  stages: z.array(ApprovalStage),
  expiresAfterDays: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ApprovalPolicy = z.infer<typeof ApprovalPolicy>;

export const CreateApprovalDelegationInput = z
  .object({
    /** The approver who is away (default: the caller). */
    delegatorUserId: UserId.optional(),
    delegateUserId: UserId,
    /** First and last JST day (inclusive) on which the delegate may decide. */
    fromDate: JstDate,
    toDate: JstDate,
    reason: z.string().trim().max(200).optional(),
  })
  .refine((d) => d.fromDate <= d.toDate, { message: "fromDate must not be after toDate", path: ["toDate"] });
export type CreateApprovalDelegationInput = z.input<typeof CreateApprovalDelegationInput>;

export const ApprovalDelegation = z.object({
  id: z.string(),
  delegatorUserId: z.string(),
  delegatorName: z.string().nullable(),
  delegateUserId: z.string(),
  delegateName: z.string().nullable(),
  fromDate: JstDate,
  toDate: JstDate,
  /** The window as instants: [from 00:00 JST, the day after toDate 00:00 JST). */
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApprovalDelegation = z.infer<typeof ApprovalDelegation>;

/**
 * The policy that applies to an action of this estimated monthly amount, or null (then nothing
 * changes). At the threshold exactly, it applies. When several apply, the one with the highest
 * threshold wins (the stricter rule for the bigger amount); ties go to more stages, then the oldest.
 */
export function applicablePolicy<P extends Pick<ApprovalPolicy, "id" | "actions" | "thresholdMonthlyJpy" | "stages">>(policies: readonly P[], action: ApprovalAction, monthlyJpy: number): P | null {
  const applying = policies.filter((p) => p.actions.includes(action) && monthlyJpy >= p.thresholdMonthlyJpy);
  applying.sort((a, b) => b.thresholdMonthlyJpy - a.thresholdMonthlyJpy || b.stages.length - a.stages.length || a.id.localeCompare(b.id));
  return applying[0] ?? null;
}

/** The window of a delegation as instants: JST days, first and last inclusive. */
export function delegationWindow(d: { fromDate: string; toDate: string }): { startsAt: Date; endsAt: Date } {
  return { startsAt: jstDayStart(d.fromDate), endsAt: jstDayStart(addDays(d.toDate, 1)) };
}

export function delegationActiveAt(d: { fromDate: string; toDate: string; revokedAt?: Date | string | null }, now: Date): boolean {
  if (d.revokedAt) return false;
  const { startsAt, endsAt } = delegationWindow(d);
  return now.getTime() >= startsAt.getTime() && now.getTime() < endsAt.getTime();
}

export interface Member {
  userId: string;
  role: OrgRole;
}

function approverOf(stage: HeldStage, member: Member): boolean {
  if (stage.accountManager) return false;
  return stage.approvers.userIds.includes(member.userId) || stage.approvers.roles.includes(member.role);
}

export type DecisionRight = { kind: "self" } | { kind: "delegate"; onBehalfOf: string };

/**
 * May this member decide this stage now? As an approver themselves, or as the delegate of an
 * approver whose delegation is active now. The requester never decides their own request.
 */
export function decisionRight(
  stage: HeldStage,
  actor: Member,
  context: { requesterUserId: string; members: readonly Member[]; delegations: ReadonlyArray<{ delegatorUserId: string; delegateUserId: string; fromDate: string; toDate: string; revokedAt?: Date | string | null }>; now: Date },
): DecisionRight | null {
  if (actor.userId === context.requesterUserId) return null;
  if (approverOf(stage, actor)) return { kind: "self" };
  for (const d of context.delegations) {
    if (d.delegateUserId !== actor.userId || !delegationActiveAt(d, context.now)) continue;
    const delegator = context.members.find((m) => m.userId === d.delegatorUserId);
    if (delegator && delegator.userId !== context.requesterUserId && approverOf(stage, delegator)) return { kind: "delegate", onBehalfOf: delegator.userId };
  }
  return null;
}
