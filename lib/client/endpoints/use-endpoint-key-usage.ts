import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { KeyUsage } from "@/lib/domain/endpoint-key-usage";
import type { EndpointKey } from "@/lib/domain/endpoints";
import { apiFetch } from "../api-fetch";
import { endpointKeys } from "./keys";

const keyPath = (slug: string, id: string, keyId: string) => `/api/v1/orgs/${encodeURIComponent(slug)}/endpoints/${id}/keys/${keyId}`;

/** The last 30 JST days of one key (the API's default range). */
export function useEndpointKeyUsage(slug: string, id: string, keyId: string | null) {
  return useQuery({
    queryKey: endpointKeys.keyUsage(slug, id, keyId ?? ""),
    queryFn: () => apiFetch<KeyUsage>(`${keyPath(slug, id, keyId!)}/usage`),
    enabled: keyId !== null,
    refetchInterval: 15_000,
  });
}

export function useUpdateEndpointKeyBudget(slug: string, id: string, keyId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (monthlyTokenBudget: number | null) => apiFetch<EndpointKey>(keyPath(slug, id, keyId), { method: "PATCH", body: { monthlyTokenBudget } }),
    onSettled: () => qc.invalidateQueries({ queryKey: endpointKeys.apiKeys(slug, id) }),
  });
}
