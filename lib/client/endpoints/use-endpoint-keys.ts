import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreatedEndpointKey, EndpointKey } from "@/lib/domain/endpoints";
import { apiFetch, newIdempotencyKey } from "../api-fetch";
import { endpointKeys } from "./keys";

const base = (slug: string, id: string) => `/api/v1/orgs/${encodeURIComponent(slug)}/endpoints/${id}/keys`;

export function useEndpointApiKeys(slug: string, id: string) {
  return useQuery({
    queryKey: endpointKeys.apiKeys(slug, id),
    queryFn: () => apiFetch<{ items: EndpointKey[] }>(base(slug, id)).then((p) => p.items),
    refetchInterval: 10_000,
  });
}

export function useCreateEndpointApiKey(slug: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<CreatedEndpointKey>(base(slug, id), { method: "POST", body: { name }, idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: endpointKeys.apiKeys(slug, id) }),
  });
}

export function useRevokeEndpointApiKey(slug: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => apiFetch(`${base(slug, id)}/${keyId}`, { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: endpointKeys.apiKeys(slug, id) }),
  });
}
