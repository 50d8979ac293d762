import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ResidencyPolicy } from "@/lib/domain/residency-policy";
import { api, ok } from "../api";
import { attestationKeys } from "./keys";

export function useResidencyPolicy(slug: string, initialData?: ResidencyPolicy) {
  return useQuery({ queryKey: attestationKeys.residencyPolicy(slug), queryFn: ({ signal }) => ok<ResidencyPolicy>(api.GET("/api/v1/orgs/{org}/residency-policy", { params: { path: { org: slug } }, signal })), initialData });
}

export function useUpdateResidencyPolicy(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (allowedRegions: string[]) => ok<ResidencyPolicy>(api.PUT("/api/v1/orgs/{org}/residency-policy", { params: { path: { org: slug } }, body: { allowedRegions } })),
    onSuccess: (policy) => qc.setQueryData(attestationKeys.residencyPolicy(slug), policy),
  });
}
