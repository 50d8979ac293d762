import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CapacityRequest, CreateCapacityRequestInput } from "@/lib/domain/reservations/capacity-queue";
import { api, ok } from "../api";

const keys = { all: (slug: string) => ["orgs", slug, "capacity-requests"] as const };

/** The org's queue requests; refreshed every 30 s so position and estimate follow the fleet. */
export function useCapacityRequests(slug: string) {
  return useQuery({
    queryKey: keys.all(slug),
    refetchInterval: 30_000,
    queryFn: ({ signal }) => ok<{ items: CapacityRequest[] }>(api.GET("/api/v1/orgs/{org}/capacity-requests", { params: { path: { org: slug } }, signal })).then((p) => p.items),
  });
}

export function useCreateCapacityRequest(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCapacityRequestInput) => ok<CapacityRequest>(api.POST("/api/v1/orgs/{org}/capacity-requests", { params: { path: { org: slug } }, body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all(slug) }),
  });
}

export function useCancelCapacityRequest(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => ok<CapacityRequest>(api.DELETE("/api/v1/orgs/{org}/capacity-requests/{id}", { params: { path: { org: slug, id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.all(slug) }),
  });
}
