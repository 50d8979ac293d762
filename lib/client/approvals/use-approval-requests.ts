import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApprovalRequest, DecideApprovalRequestInput } from "@/lib/domain/approval-requests";
import { api, ok } from "../api";

// 稟議 in the console: the approver's queue, the requester's own, one request, and the decisions.

export const approvalKeys = {
  list: (slug: string, view: string) => ["orgs", slug, "approval-requests", view] as const,
  all: (slug: string) => ["orgs", slug, "approval-requests"] as const,
  detail: (slug: string, id: string) => ["orgs", slug, "approval-requests", "detail", id] as const,
};

export type ApprovalView = "to_decide" | "mine" | "all";

export function useApprovalRequests(slug: string, view: ApprovalView) {
  return useQuery({
    queryKey: approvalKeys.list(slug, view),
    queryFn: ({ signal }) => ok<{ items: ApprovalRequest[]; nextCursor: string | null }>(api.GET("/api/v1/orgs/{org}/approval-requests", { params: { path: { org: slug }, query: { view, limit: 100 } }, signal })),
  });
}

export function useApprovalRequest(slug: string, id: string) {
  return useQuery({
    queryKey: approvalKeys.detail(slug, id),
    queryFn: ({ signal }) => ok<ApprovalRequest>(api.GET("/api/v1/orgs/{org}/approval-requests/{id}", { params: { path: { org: slug, id } }, signal })),
  });
}

function useRefreshing<I, O>(slug: string, fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: approvalKeys.all(slug) }) });
}

export function useDecideApprovalRequest(slug: string, id: string) {
  return useRefreshing(slug, ({ input, idempotencyKey }: { input: DecideApprovalRequestInput; idempotencyKey: string }) =>
    ok<ApprovalRequest>(api.POST("/api/v1/orgs/{org}/approval-requests/{id}/decisions", { params: { path: { org: slug, id } }, body: input, headers: { "Idempotency-Key": idempotencyKey } })),
  );
}

export function useWithdrawApprovalRequest(slug: string, id: string) {
  return useRefreshing(slug, ({ idempotencyKey }: { idempotencyKey: string }) =>
    ok<ApprovalRequest>(api.POST("/api/v1/orgs/{org}/approval-requests/{id}/withdraw", { params: { path: { org: slug, id } }, headers: { "Idempotency-Key": idempotencyKey } })),
  );
}

export function useResubmitApprovalRequest(slug: string, id: string) {
  return useRefreshing(slug, ({ idempotencyKey }: { idempotencyKey: string }) =>
    ok<ApprovalRequest | { id: string; kind: string }>(api.POST("/api/v1/orgs/{org}/approval-requests/{id}/resubmit", { params: { path: { org: slug, id } }, body: {}, headers: { "Idempotency-Key": idempotencyKey } })),
  );
}

/** A create answered 202 with a 稟議 rather than an Operation. */
export const isApprovalRequest = (answer: { id: string }): answer is ApprovalRequest => "subject" in answer && "stages" in answer;
