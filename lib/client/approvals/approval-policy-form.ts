import { APPROVAL_ACTIONS, type ApprovalAction, type ApprovalPolicy, type CreateApprovalPolicyInput } from "@/lib/domain/approvals";
import type { OrgRole } from "@/lib/domain/permissions";

// The 承認ルール form as the person types it (a yen amount with commas, days as text) and its
// reading into the API's input: every problem named by field with a catalog key, so the form says
// what is wrong next to the field in the reader's language before anything is sent. The limits
// are the API's (lib/domain/approvals.ts); the server checks them again.

export interface StageForm {
  name: string;
  roles: OrgRole[];
  userIds: string[];
}

export interface PolicyForm {
  name: string;
  actions: ApprovalAction[];
  threshold: string;
  expiresAfterDays: string;
  stages: StageForm[];
}

export type PolicyFormError = "required" | "tooLong" | "noActions" | "yen" | "days" | "noApprovers" | "noStages" | "tooManyStages";
/** Keys: name, actions, threshold, expiresAfterDays, stages, stages.<i>.name, stages.<i>.approvers */
export type PolicyFormErrors = Record<string, PolicyFormError>;

export const MAX_STAGES = 5;
const MAX_THRESHOLD = 1e13;

export const emptyStage = (): StageForm => ({ name: "", roles: [], userIds: [] });

export const emptyPolicyForm = (): PolicyForm => ({ name: "", actions: ["cluster.create"], threshold: "", expiresAfterDays: "14", stages: [emptyStage()] });

export function policyToForm(p: ApprovalPolicy): PolicyForm {
  return {
    name: p.name,
    actions: [...p.actions],
    threshold: String(p.thresholdMonthlyJpy),
    expiresAfterDays: String(p.expiresAfterDays),
    stages: p.stages.map((s) => ({ name: s.name, roles: [...s.approvers.roles], userIds: [...s.approvers.userIds] })),
  };
}

/** "1,000,000", "¥1,000,000", "１０００００円" → 1000000; anything else (decimals, words, negatives) → null. */
export function parseYen(text: string): number | null {
  const digits = text.normalize("NFKC").replace(/[\s,¥円]/g, "");
  if (!/^\d+$/.test(digits)) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) && n <= MAX_THRESHOLD ? n : null;
}

function parseDays(text: string): number | null {
  const digits = text.normalize("NFKC").trim();
  if (!/^\d+$/.test(digits)) return null;
  const n = Number(digits);
  return n >= 1 && n <= 90 ? n : null;
}

export function readPolicyForm(form: PolicyForm): { ok: true; input: CreateApprovalPolicyInput } | { ok: false; errors: PolicyFormErrors } {
  const errors: PolicyFormErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = "required";
  else if (name.length > 100) errors.name = "tooLong";
  const actions = APPROVAL_ACTIONS.filter((a) => form.actions.includes(a));
  if (actions.length === 0) errors.actions = "noActions";
  const threshold = parseYen(form.threshold);
  if (threshold === null) errors.threshold = form.threshold.trim() ? "yen" : "required";
  const days = parseDays(form.expiresAfterDays);
  if (days === null) errors.expiresAfterDays = "days";
  if (form.stages.length === 0) errors.stages = "noStages";
  if (form.stages.length > MAX_STAGES) errors.stages = "tooManyStages";
  form.stages.forEach((s, i) => {
    const stageName = s.name.trim();
    if (!stageName) errors[`stages.${i}.name`] = "required";
    else if (stageName.length > 60) errors[`stages.${i}.name`] = "tooLong";
    if (s.roles.length + s.userIds.length === 0) errors[`stages.${i}.approvers`] = "noApprovers";
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      name,
      actions,
      thresholdMonthlyJpy: threshold!,
      expiresAfterDays: days!,
      stages: form.stages.map((s) => ({ name: s.name.trim(), approvers: { roles: [...new Set(s.roles)], userIds: [...new Set(s.userIds)] } })),
    },
  };
}
