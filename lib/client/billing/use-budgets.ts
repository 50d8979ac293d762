import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Budget, CreateBudgetInput, UpdateBudgetInput } from "@/lib/domain/billing-api";
import { api, ok } from "../api";
import { billingKeys } from "./keys";

export function useBudgets(slug: string) {
  return useQuery({
    queryKey: billingKeys.budgets(slug),
    queryFn: ({ signal }) => ok<{ items: Budget[] }>(api.GET("/api/v1/orgs/{org}/budgets", { params: { path: { org: slug } }, signal })).then((p) => p.items),
  });
}

function useInvalidateBilling(slug: string) {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: billingKeys.budgets(slug) }), qc.invalidateQueries({ queryKey: billingKeys.monthToDate(slug) }), qc.invalidateQueries({ queryKey: ["orgs", slug, "notifications"] })]);
}

export function useCreateBudget(slug: string) {
  const invalidate = useInvalidateBilling(slug);
  return useMutation({
    mutationFn: (input: CreateBudgetInput) => ok<Budget>(api.POST("/api/v1/orgs/{org}/budgets", { params: { path: { org: slug } }, body: input })),
    onSuccess: invalidate,
  });
}

export function useUpdateBudget(slug: string) {
  const invalidate = useInvalidateBilling(slug);
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateBudgetInput }) => ok<Budget>(api.PATCH("/api/v1/orgs/{org}/budgets/{id}", { params: { path: { org: slug, id } }, body: change })),
    onSuccess: invalidate,
  });
}

export function useDeleteBudget(slug: string) {
  const invalidate = useInvalidateBilling(slug);
  return useMutation({
    mutationFn: (id: string) => ok(api.DELETE("/api/v1/orgs/{org}/budgets/{id}", { params: { path: { org: slug, id } } })),
    onSettled: invalidate,
  });
}
