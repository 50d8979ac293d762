import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CostCenter, CostCenterPolicy, CreateCostCenterInput, UpdateCostCenterInput } from "@/lib/domain/cost-centers";
import { api, ok } from "../api";

// 部門・プロジェクト: the org's cost centers (archived ones too) and the "required" policy.

export const costCenterKeys = {
  all: (slug: string) => ["orgs", slug, "cost-centers"] as const,
  policy: (slug: string) => ["orgs", slug, "cost-center-policy"] as const,
};

export function useCostCenters(slug: string, initial?: CostCenter[]) {
  return useQuery({
    queryKey: costCenterKeys.all(slug),
    queryFn: ({ signal }) => ok<{ items: CostCenter[] }>(api.GET("/api/v1/orgs/{org}/cost-centers", { params: { path: { org: slug }, query: { includeArchived: "true" } }, signal })).then((r) => r.items),
    initialData: initial,
  });
}

export function useCreateCostCenter(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCostCenterInput) => ok<CostCenter>(api.POST("/api/v1/orgs/{org}/cost-centers", { params: { path: { org: slug } }, body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: costCenterKeys.all(slug) }),
  });
}

export function useUpdateCostCenter(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateCostCenterInput }) => ok<CostCenter>(api.PATCH("/api/v1/orgs/{org}/cost-centers/{id}", { params: { path: { org: slug, id } }, body: change })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: costCenterKeys.all(slug) }),
  });
}

export function usePutCostCenterPolicy(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: CostCenterPolicy) => ok<CostCenterPolicy>(api.PUT("/api/v1/orgs/{org}/cost-center-policy", { params: { path: { org: slug } }, body: policy })),
    onSuccess: (policy) => queryClient.setQueryData(costCenterKeys.policy(slug), policy),
  });
}
