import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ConsoleOperation } from "@/lib/domain/operations";
import type { QueuedOrder } from "@/lib/domain/queued-orders";
import { api, ok } from "../api";

// Orders waiting for capacity (空き待ち): their place and estimated start, and withdrawing one.
// The keys sit under the org's operations, so this org's live events refetch them at once; what
// other customers' orders do moves the line too, which only a poll can see (every 30 s).

export const queuedOrderKeys = {
  all: (slug: string) => ["orgs", slug, "operations", "queued"] as const,
  one: (slug: string, operationId: string) => ["orgs", slug, "operations", "queued", operationId] as const,
};

const FLEET_POLL_MS = 30_000;

export function useQueuedOrder(slug: string, operationId: string | null) {
  return useQuery({
    queryKey: queuedOrderKeys.one(slug, operationId ?? ""),
    enabled: operationId !== null,
    queryFn: () => ok<QueuedOrder>(api.GET("/api/v1/orgs/{org}/operations/{id}/queue", { params: { path: { org: slug, id: operationId! } } })),
    refetchInterval: FLEET_POLL_MS,
    retry: false,
  });
}

export function useQueuedOrders(slug: string) {
  return useQuery({
    queryKey: queuedOrderKeys.all(slug),
    queryFn: () => ok<{ items: QueuedOrder[] }>(api.GET("/api/v1/orgs/{org}/queued-orders", { params: { path: { org: slug } } })).then((p) => p.items),
    refetchInterval: FLEET_POLL_MS,
  });
}

export function useCancelQueuedOperation(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (operationId: string) => ok<ConsoleOperation>(api.POST("/api/v1/orgs/{org}/operations/{id}/cancel", { params: { path: { org: slug, id: operationId } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: ["orgs", slug] }),
  });
}
