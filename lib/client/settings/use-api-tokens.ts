import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiToken } from "@/lib/domain/api-tokens";
import type { OrgRole } from "@/lib/domain/permissions";
import { api, ok } from "../api";
import { settingsKeys } from "./keys";


export function useApiTokens(slug: string) {
  return useQuery({ queryKey: settingsKeys.apiTokens(slug), queryFn: () => ok<{ items: ApiToken[] }>(api.GET("/api/v1/orgs/{org}/api-tokens", { params: { path: { org: slug } } })).then((p) => p.items) });
}

export function useCreateApiToken(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role: OrgRole; expiresInDays: number | null }) =>
      ok(api.POST("/api/v1/orgs/{org}/api-tokens", { params: { path: { org: slug } }, body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsKeys.apiTokens(slug) }),
  });
}

export function useRevokeApiToken(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => ok(api.DELETE("/api/v1/orgs/{org}/api-tokens/{id}", { params: { path: { org: slug, id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsKeys.apiTokens(slug) }),
  });
}
