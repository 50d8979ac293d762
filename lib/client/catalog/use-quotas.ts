import { useQuery } from "@tanstack/react-query";
import type { QuotaLine } from "@/lib/domain/quotas";
import { api, ok } from "../api";
import { catalogKeys } from "./keys";

export function useQuotas(slug: string) {
  return useQuery({
    queryKey: catalogKeys.quotas(slug),
    queryFn: ({ signal }) => ok<{ items: QuotaLine[] }>(api.GET("/api/v1/orgs/{org}/quotas", { params: { path: { org: slug } }, signal })).then((p) => p.items),
    refetchInterval: 30_000,
  });
}
