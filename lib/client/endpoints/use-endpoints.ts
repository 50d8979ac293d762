import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ConsoleOperation } from "@/lib/domain/operations";
import type { ApprovalRequest } from "@/lib/domain/approval-requests";
import type { ResourceListSort } from "@/lib/domain/resource-list";
import type { CreateEndpointInputRaw, EndpointPreflight, EndpointPreflightInput, EndpointView, UpdateEndpointInputRaw } from "@/lib/domain/endpoints";
import { newIdempotencyKey } from "@/lib/sdk/client";
import { api, ok } from "../api";
import { endpointKeys } from "./keys";
import { unlessLive } from "../events/live-state";
import { isOpen } from "../operations/use-operations";
import type { Page } from "@/lib/domain/cursor";


/** Something is moving: poll until it settles. */
export const isSettling = (e: Pick<EndpointView, "status" | "operation">) =>
  ["provisioning", "updating", "deleting"].includes(e.status) || (e.operation !== null && isOpen(e.operation));

export function useEndpoints(slug: string, filters: { status?: string; modelId?: string; regionId?: string; q?: string; sort?: ResourceListSort }) {
  return useInfiniteQuery({
    queryKey: endpointKeys.list(slug, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      ok<Page<EndpointView>>(
        api.GET("/api/v1/orgs/{org}/endpoints", {
          params: {
            path: { org: slug },
            query: { status: (filters.status || undefined) as EndpointView["status"] | undefined, modelId: filters.modelId || undefined, regionId: filters.regionId || undefined, q: filters.q || undefined, sort: filters.sort, cursor: pageParam ?? undefined },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
    // Typing in the search box keeps the rows on screen until the narrower list arrives.
    placeholderData: keepPreviousData,
    refetchInterval: (q) => unlessLive(q.state.data?.pages.some((p) => p.items.some(isSettling)) ? 2000 : 15_000),
  });
}

export function useEndpoint(slug: string, id: string) {
  return useQuery({
    queryKey: endpointKeys.detail(slug, id),
    queryFn: () => ok<EndpointView>(api.GET("/api/v1/orgs/{org}/endpoints/{id}", { params: { path: { org: slug, id } } })),
    refetchInterval: (q) => unlessLive(q.state.data && isSettling(q.state.data) ? 1000 : 5000),
  });
}

export function useEndpointPreflight(slug: string, input: EndpointPreflightInput, enabled: boolean) {
  return useQuery({
    queryKey: endpointKeys.preflight(slug, input),
    queryFn: ({ signal }) => ok<EndpointPreflight>(api.POST("/api/v1/orgs/{org}/endpoints/preflight", { params: { path: { org: slug } }, body: input, signal })),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 5000,
  });
}

export function useCreateEndpoint(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: CreateEndpointInputRaw; idempotencyKey: string }) =>
      ok<ConsoleOperation | ApprovalRequest>(api.POST("/api/v1/orgs/{org}/endpoints", { params: { path: { org: slug } }, body: input, headers: { "Idempotency-Key": idempotencyKey } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: endpointKeys.all(slug) }),
  });
}

export function useUpdateEndpoint(slug: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    // The answer is the Operation (or the 稟議 a scale-up waits in); the endpoint is read again.
    mutationFn: (change: UpdateEndpointInputRaw) => ok<ConsoleOperation | ApprovalRequest>(api.PATCH("/api/v1/orgs/{org}/endpoints/{id}", { params: { path: { org: slug, id } }, body: change })),
    onSuccess: () => qc.invalidateQueries({ queryKey: endpointKeys.all(slug) }),
  });
}

export function useDeleteEndpoint(slug: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => ok<ConsoleOperation>(api.DELETE("/api/v1/orgs/{org}/endpoints/{id}", { params: { path: { org: slug, id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: endpointKeys.all(slug) }),
  });
}

export { newIdempotencyKey };
