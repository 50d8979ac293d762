import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ConsoleOperation } from "@/lib/domain/operations";
import type { CreateEndpointInputRaw, EndpointOperation, EndpointPreflight, EndpointPreflightInput, EndpointView, UpdateEndpointInput } from "@/lib/domain/endpoints";
import { apiFetch, newIdempotencyKey } from "../api-fetch";
import { endpointKeys } from "./keys";
import { unlessLive } from "../events/live-state";

const base = (slug: string) => `/api/v1/orgs/${encodeURIComponent(slug)}/endpoints`;
type Page<T> = { items: T[]; nextCursor: string | null };

/** Something is moving: poll until it settles. */
export const isSettling = (e: Pick<EndpointView, "status" | "operation">) =>
  ["provisioning", "updating", "deleting"].includes(e.status) || e.operation?.status === "running";

export function useEndpoints(slug: string, filters: { status?: string; modelId?: string }) {
  return useInfiniteQuery({
    queryKey: endpointKeys.list(slug, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams();
      if (filters.status) query.set("status", filters.status);
      if (filters.modelId) query.set("modelId", filters.modelId);
      if (pageParam) query.set("cursor", pageParam);
      return apiFetch<Page<EndpointView>>(`${base(slug)}?${query}`);
    },
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (q) => unlessLive(q.state.data?.pages.some((p) => p.items.some(isSettling)) ? 2000 : 15_000),
  });
}

export function useEndpoint(slug: string, id: string) {
  return useQuery({
    queryKey: endpointKeys.detail(slug, id),
    queryFn: () => apiFetch<EndpointView>(`${base(slug)}/${id}`),
    refetchInterval: (q) => unlessLive(q.state.data && isSettling(q.state.data) ? 1000 : 5000),
  });
}

export function useEndpointOperations(slug: string, id: string) {
  return useQuery({
    queryKey: endpointKeys.operations(slug, id),
    queryFn: () => apiFetch<Page<EndpointOperation>>(`${base(slug)}/${id}/operations`).then((p) => p.items),
    refetchInterval: () => unlessLive(5000),
  });
}

export function useEndpointPreflight(slug: string, input: EndpointPreflightInput, enabled: boolean) {
  return useQuery({
    queryKey: endpointKeys.preflight(slug, input),
    queryFn: ({ signal }) => apiFetch<EndpointPreflight>(`${base(slug)}/preflight`, { method: "POST", body: input, signal }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 5000,
  });
}

export function useCreateEndpoint(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: CreateEndpointInputRaw; idempotencyKey: string }) =>
      apiFetch<ConsoleOperation>(base(slug), { method: "POST", body: input, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: endpointKeys.all(slug) }),
  });
}

export function useUpdateEndpoint(slug: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    // The answer is the Operation; the endpoint is read again (its page follows the operation).
    mutationFn: (change: UpdateEndpointInput) => apiFetch<ConsoleOperation>(`${base(slug)}/${id}`, { method: "PATCH", body: change, idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: endpointKeys.all(slug) }),
  });
}

export function useDeleteEndpoint(slug: string, id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<ConsoleOperation>(`${base(slug)}/${id}`, { method: "DELETE", idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: endpointKeys.all(slug) }),
  });
}

export { newIdempotencyKey };
