import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Budget, CreateBudgetInput, UpdateBudgetInput } from "@/lib/domain/billing-api";
import { apiFetch, newIdempotencyKey } from "../api-fetch";
import { billingKeys, billingPath } from "./keys";

export function useBudgets(slug: string) {
  return useQuery({
    queryKey: billingKeys.budgets(slug),
    queryFn: ({ signal }) => apiFetch<{ items: Budget[] }>(billingPath(slug, "budgets"), { signal }).then((p) => p.items),
  });
}

function useInvalidateBilling(slug: string) {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: billingKeys.budgets(slug) }), qc.invalidateQueries({ queryKey: billingKeys.monthToDate(slug) }), qc.invalidateQueries({ queryKey: ["orgs", slug, "notifications"] })]);
}

export function useCreateBudget(slug: string) {
  const invalidate = useInvalidateBilling(slug);
  return useMutation({
    mutationFn: (input: CreateBudgetInput) => apiFetch<Budget>(billingPath(slug, "budgets"), { method: "POST", body: input, idempotencyKey: newIdempotencyKey() }),
    onSuccess: invalidate,
  });
}

export function useUpdateBudget(slug: string) {
  const invalidate = useInvalidateBilling(slug);
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateBudgetInput }) => apiFetch<Budget>(billingPath(slug, `budgets/${encodeURIComponent(id)}`), { method: "PATCH", body: change }),
    onSuccess: invalidate,
  });
}

export function useDeleteBudget(slug: string) {
  const invalidate = useInvalidateBilling(slug);
  return useMutation({
    mutationFn: (id: string) => apiFetch(billingPath(slug, `budgets/${encodeURIComponent(id)}`), { method: "DELETE" }),
    onSettled: invalidate,
  });
}
