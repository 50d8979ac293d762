import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SignInPolicy, SignInRequirement } from "@/lib/domain/sign-in-policy";
import { apiFetch } from "../api-fetch";
import { securityKeys } from "./keys";

const base = (slug: string) => `/api/v1/orgs/${encodeURIComponent(slug)}/sign-in-policy`;

export function useSignInPolicy(slug: string, initialData?: SignInPolicy) {
  return useQuery({ queryKey: securityKeys.signInPolicy(slug), queryFn: ({ signal }) => apiFetch<SignInPolicy>(base(slug), { signal }), initialData });
}

export function useUpdateSignInPolicy(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (requirement: SignInRequirement) => apiFetch<SignInPolicy>(base(slug), { method: "PUT", body: { requirement } }),
    onSuccess: (policy) => qc.setQueryData(securityKeys.signInPolicy(slug), policy),
  });
}
