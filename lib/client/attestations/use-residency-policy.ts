import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ResidencyPolicy } from "@/lib/domain/residency-policy";
import { apiFetch } from "../api-fetch";
import { attestationKeys } from "./keys";

const base = (slug: string) => `/api/v1/orgs/${encodeURIComponent(slug)}/residency-policy`;

export function useResidencyPolicy(slug: string, initialData?: ResidencyPolicy) {
  return useQuery({ queryKey: attestationKeys.residencyPolicy(slug), queryFn: ({ signal }) => apiFetch<ResidencyPolicy>(base(slug), { signal }), initialData });
}

export function useUpdateResidencyPolicy(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (allowedRegions: string[]) => apiFetch<ResidencyPolicy>(base(slug), { method: "PUT", body: { allowedRegions } }),
    onSuccess: (policy) => qc.setQueryData(attestationKeys.residencyPolicy(slug), policy),
  });
}
