import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CapacityRequest, CreateCapacityRequestInput } from "@/lib/domain/reservations/capacity-queue";
import { apiFetch, newIdempotencyKey } from "../api-fetch";

const path = (slug: string, rest = "") => `/api/v1/orgs/${encodeURIComponent(slug)}/capacity-requests${rest}`;
const keys = { all: (slug: string) => ["orgs", slug, "capacity-requests"] as const };

/** The org's queue requests; refreshed every 30 s so position and estimate follow the fleet. */
export function useCapacityRequests(slug: string) {
  return useQuery({
    queryKey: keys.all(slug),
    refetchInterval: 30_000,
    queryFn: ({ signal }) => apiFetch<{ items: CapacityRequest[] }>(path(slug), { signal }).then((p) => p.items),
  });
}

export function useCreateCapacityRequest(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCapacityRequestInput) => apiFetch<CapacityRequest>(path(slug), { method: "POST", body: input, idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all(slug) }),
  });
}

export function useCancelCapacityRequest(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<CapacityRequest>(path(slug, `/${encodeURIComponent(id)}`), { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.all(slug) }),
  });
}
