import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CostCenter, CostCenterPolicy, CreateCostCenterInput, UpdateCostCenterInput } from "@/lib/domain/cost-centers";
import { apiFetch } from "../api-fetch";

// 部門・プロジェクト: the org's cost centers (archived ones too) and the "required" policy.

export const costCenterKeys = {
  all: (slug: string) => ["orgs", slug, "cost-centers"] as const,
  policy: (slug: string) => ["orgs", slug, "cost-center-policy"] as const,
};
const path = (slug: string, rest = "") => `/api/v1/orgs/${encodeURIComponent(slug)}/cost-centers${rest}`;

export function useCostCenters(slug: string, initial?: CostCenter[]) {
  return useQuery({
    queryKey: costCenterKeys.all(slug),
    queryFn: ({ signal }) => apiFetch<{ items: CostCenter[] }>(path(slug, "?includeArchived=true"), { signal }).then((r) => r.items),
    initialData: initial,
  });
}

export function useCreateCostCenter(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCostCenterInput) => apiFetch<CostCenter>(path(slug), { method: "POST", body: input, idempotencyKey: crypto.randomUUID() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: costCenterKeys.all(slug) }),
  });
}

export function useUpdateCostCenter(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateCostCenterInput }) => apiFetch<CostCenter>(path(slug, `/${encodeURIComponent(id)}`), { method: "PATCH", body: change }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: costCenterKeys.all(slug) }),
  });
}

export function usePutCostCenterPolicy(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: CostCenterPolicy) => apiFetch<CostCenterPolicy>(`/api/v1/orgs/${encodeURIComponent(slug)}/cost-center-policy`, { method: "PUT", body: policy }),
    onSuccess: (policy) => queryClient.setQueryData(costCenterKeys.policy(slug), policy),
  });
}
