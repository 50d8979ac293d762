import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { EndpointKey } from "@/lib/domain/endpoints";
import { api, ok } from "../api";
import { endpointKeys } from "./keys";


export function useEndpointApiKeys(slug: string, id: string) {
  return useQuery({
    queryKey: endpointKeys.apiKeys(slug, id),
    queryFn: () => ok<{ items: EndpointKey[] }>(api.GET("/api/v1/orgs/{org}/endpoints/{id}/keys", { params: { path: { org: slug, id } } })).then((p) => p.items),
    refetchInterval: 10_000,
  });
}

export function useCreateEndpointApiKey(slug: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => ok(api.POST("/api/v1/orgs/{org}/endpoints/{id}/keys", { params: { path: { org: slug, id } }, body: { name } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: endpointKeys.apiKeys(slug, id) }),
  });
}

export function useRevokeEndpointApiKey(slug: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => ok(api.DELETE("/api/v1/orgs/{org}/endpoints/{id}/keys/{keyId}", { params: { path: { org: slug, id, keyId } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: endpointKeys.apiKeys(slug, id) }),
  });
}
