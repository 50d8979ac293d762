import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SignInPolicy, SignInRequirement } from "@/lib/domain/sign-in-policy";
import { api, ok } from "../api";
import { securityKeys } from "./keys";


export function useSignInPolicy(slug: string, initialData?: SignInPolicy) {
  return useQuery({ queryKey: securityKeys.signInPolicy(slug), queryFn: ({ signal }) => ok<SignInPolicy>(api.GET("/api/v1/orgs/{org}/sign-in-policy", { params: { path: { org: slug } }, signal })), initialData });
}

export function useUpdateSignInPolicy(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (requirement: SignInRequirement) => ok<SignInPolicy>(api.PUT("/api/v1/orgs/{org}/sign-in-policy", { params: { path: { org: slug } }, body: { requirement } })),
    onSuccess: (policy) => qc.setQueryData(securityKeys.signInPolicy(slug), policy),
  });
}
