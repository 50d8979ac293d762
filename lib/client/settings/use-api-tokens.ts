import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiToken, CreatedApiToken } from "@/lib/domain/api-tokens";
import type { OrgRole } from "@/lib/domain/permissions";
import { apiFetch, newIdempotencyKey } from "../api-fetch";
import { settingsKeys } from "./keys";

const base = (slug: string) => `/api/v1/orgs/${encodeURIComponent(slug)}/api-tokens`;

export function useApiTokens(slug: string) {
  return useQuery({ queryKey: settingsKeys.apiTokens(slug), queryFn: () => apiFetch<{ items: ApiToken[] }>(base(slug)).then((p) => p.items) });
}

export function useCreateApiToken(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role: OrgRole; expiresInDays: number | null }) =>
      apiFetch<CreatedApiToken>(base(slug), { method: "POST", body: input, idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.apiTokens(slug) }),
  });
}

export function useRevokeApiToken(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`${base(slug)}/${id}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsKeys.apiTokens(slug) }),
  });
}
