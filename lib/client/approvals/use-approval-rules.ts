import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApprovalDelegation, ApprovalPolicy, CreateApprovalDelegationInput, CreateApprovalPolicyInput, UpdateApprovalPolicyInput } from "@/lib/domain/approvals";
import { api, ok } from "../api";

// 稟議ルール and 代理承認 in the console (settings → 稟議ルール). One Idempotency-Key per intent
// for creates: a double click or a retried request makes one rule, one delegation.

export const approvalRuleKeys = {
  policies: (slug: string) => ["orgs", slug, "approval-policies"] as const,
  delegations: (slug: string) => ["orgs", slug, "approval-delegations"] as const,
};

export function useApprovalPolicies(slug: string, initial?: ApprovalPolicy[]) {
  return useQuery({
    queryKey: approvalRuleKeys.policies(slug),
    queryFn: ({ signal }) => ok<{ items: ApprovalPolicy[] }>(api.GET("/api/v1/orgs/{org}/approval-policies", { params: { path: { org: slug } }, signal })).then((r) => r.items),
    initialData: initial,
  });
}

export function useApprovalDelegations(slug: string, initial?: ApprovalDelegation[]) {
  return useQuery({
    queryKey: approvalRuleKeys.delegations(slug),
    queryFn: ({ signal }) => ok<{ items: ApprovalDelegation[] }>(api.GET("/api/v1/orgs/{org}/approval-delegations", { params: { path: { org: slug } }, signal })).then((r) => r.items),
    initialData: initial,
  });
}

function useRefreshing<I, O>(key: readonly unknown[], fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: key }) });
}

export function useCreateApprovalPolicy(slug: string) {
  return useRefreshing(approvalRuleKeys.policies(slug), ({ input, idempotencyKey }: { input: CreateApprovalPolicyInput; idempotencyKey: string }) =>
    ok<ApprovalPolicy>(api.POST("/api/v1/orgs/{org}/approval-policies", { params: { path: { org: slug } }, body: input, headers: { "Idempotency-Key": idempotencyKey } })),
  );
}

export function useUpdateApprovalPolicy(slug: string) {
  return useRefreshing(approvalRuleKeys.policies(slug), ({ id, change }: { id: string; change: UpdateApprovalPolicyInput }) =>
    ok<ApprovalPolicy>(api.PATCH("/api/v1/orgs/{org}/approval-policies/{id}", { params: { path: { org: slug, id } }, body: change })),
  );
}

export function useDeleteApprovalPolicy(slug: string) {
  return useRefreshing(approvalRuleKeys.policies(slug), (id: string) => ok(api.DELETE("/api/v1/orgs/{org}/approval-policies/{id}", { params: { path: { org: slug, id } } })));
}

export function useCreateApprovalDelegation(slug: string) {
  return useRefreshing(approvalRuleKeys.delegations(slug), ({ input, idempotencyKey }: { input: CreateApprovalDelegationInput; idempotencyKey: string }) =>
    ok<ApprovalDelegation>(api.POST("/api/v1/orgs/{org}/approval-delegations", { params: { path: { org: slug } }, body: input, headers: { "Idempotency-Key": idempotencyKey } })),
  );
}

export function useEndApprovalDelegation(slug: string) {
  return useRefreshing(approvalRuleKeys.delegations(slug), (id: string) => ok(api.DELETE("/api/v1/orgs/{org}/approval-delegations/{id}", { params: { path: { org: slug, id } } })));
}
