import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateIdentityProviderInput, IdentityProvider, IdentityProviderList, UpdateIdentityProviderInput } from "@/lib/domain/sso";
import { api, ok } from "../api";
import { settingsKeys } from "./keys";


export function useIdentityProviders(slug: string) {
  return useQuery({ queryKey: settingsKeys.identityProviders(slug), queryFn: () => ok<IdentityProviderList>(api.GET("/api/v1/orgs/{org}/identity-providers", { params: { path: { org: slug } } })) });
}

export function useCreateIdentityProvider(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateIdentityProviderInput) => ok<IdentityProvider>(api.POST("/api/v1/orgs/{org}/identity-providers", { params: { path: { org: slug } }, body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.identityProviders(slug) }),
  });
}

export function useUpdateIdentityProvider(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateIdentityProviderInput }) => ok<IdentityProvider>(api.PATCH("/api/v1/orgs/{org}/identity-providers/{id}", { params: { path: { org: slug, id } }, body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.identityProviders(slug) }),
  });
}

export function useDeleteIdentityProvider(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => ok(api.DELETE("/api/v1/orgs/{org}/identity-providers/{id}", { params: { path: { org: slug, id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsKeys.identityProviders(slug) }),
  });
}
