import { useQuery } from "@tanstack/react-query";
import type { CapacityReport } from "@/lib/domain/catalog-api";
import { api, ok } from "../api";
import { catalogKeys } from "./keys";

/** Live availability per zone and shape, refreshed while the page is open. */
export function useCapacity() {
  return useQuery({
    queryKey: catalogKeys.capacity(),
    queryFn: ({ signal }) => ok<CapacityReport>(api.GET("/api/v1/capacity", { signal })),
    refetchInterval: 15_000,
    retry: 1,
  });
}
