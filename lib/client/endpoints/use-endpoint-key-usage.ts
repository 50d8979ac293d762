import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { KeyUsage } from "@/lib/domain/endpoint-key-usage";
import type { EndpointKey } from "@/lib/domain/endpoints";
import { api, ok } from "../api";
import { endpointKeys } from "./keys";


/** The last 30 JST days of one key (the API's default range). */
export function useEndpointKeyUsage(slug: string, id: string, keyId: string | null) {
  return useQuery({
    queryKey: endpointKeys.keyUsage(slug, id, keyId ?? ""),
    queryFn: () => ok<KeyUsage>(api.GET("/api/v1/orgs/{org}/endpoints/{id}/keys/{keyId}/usage", { params: { path: { org: slug, id, keyId: keyId! } } })),
    enabled: keyId !== null,
    refetchInterval: 15_000,
  });
}

export function useUpdateEndpointKeyBudget(slug: string, id: string, keyId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (monthlyTokenBudget: number | null) => ok<EndpointKey>(api.PATCH("/api/v1/orgs/{org}/endpoints/{id}/keys/{keyId}", { params: { path: { org: slug, id, keyId } }, body: { monthlyTokenBudget } })),
    onSettled: () => qc.invalidateQueries({ queryKey: endpointKeys.apiKeys(slug, id) }),
  });
}
