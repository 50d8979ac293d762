import { useQuery } from "@tanstack/react-query";
import type { QuotaLine } from "@/lib/domain/quotas";
import { apiFetch } from "../api-fetch";
import { catalogKeys } from "./keys";

export function useQuotas(slug: string) {
  return useQuery({
    queryKey: catalogKeys.quotas(slug),
    queryFn: ({ signal }) => apiFetch<{ items: QuotaLine[] }>(`/api/v1/orgs/${encodeURIComponent(slug)}/quotas`, { signal }).then((p) => p.items),
    refetchInterval: 30_000,
  });
}
