import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateIdentityProviderInput, IdentityProvider, IdentityProviderList, UpdateIdentityProviderInput } from "@/lib/domain/sso";
import { apiFetch, newIdempotencyKey } from "../api-fetch";
import { settingsKeys } from "./keys";

const base = (slug: string) => `/api/v1/orgs/${encodeURIComponent(slug)}/identity-providers`;

export function useIdentityProviders(slug: string) {
  return useQuery({ queryKey: settingsKeys.identityProviders(slug), queryFn: () => apiFetch<IdentityProviderList>(base(slug)) });
}

export function useCreateIdentityProvider(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateIdentityProviderInput) => apiFetch<IdentityProvider>(base(slug), { method: "POST", body: input, idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.identityProviders(slug) }),
  });
}

export function useUpdateIdentityProvider(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateIdentityProviderInput }) => apiFetch<IdentityProvider>(`${base(slug)}/${id}`, { method: "PATCH", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.identityProviders(slug) }),
  });
}

export function useDeleteIdentityProvider(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`${base(slug)}/${id}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsKeys.identityProviders(slug) }),
  });
}
