import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { DecideApprovalRequestInput } from "@/lib/domain/approval-requests";
import type { StaffApprovalRequest } from "@/lib/domain/staff-approvals";
import { api, ok } from "../api";
import { staffKeys } from "./keys";

// The account manager's large reservations (the contract's approval threshold) and their decisions.

export function useStaffApprovals(status: "pending" | "executed" | "rejected" | "refused" | "expired") {
  return useInfiniteQuery({
    queryKey: [...staffKeys.all, "approval-requests", status],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      ok<{ items: StaffApprovalRequest[]; nextCursor: string | null }>(api.GET("/api/v1/staff/approval-requests", { params: { query: { limit: 50, status, cursor: pageParam ?? undefined } }, signal })),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDecideStaffApproval() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input, idempotencyKey }: { id: string; input: DecideApprovalRequestInput; idempotencyKey: string }) =>
      ok<StaffApprovalRequest>(api.POST("/api/v1/staff/approval-requests/{id}/decisions", { params: { path: { id } }, body: input, headers: { "Idempotency-Key": idempotencyKey } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKeys.all }),
  });
}
