import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Cluster, ClusterDetail, ClusterPreflight, ClusterPreflightInput, CreateClusterDraft, Kubeconfig, NodePoolInputDraft } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { apiFetch } from "../api-fetch";
import { clusterKeys } from "./keys";
import { unlessLive } from "../events/live-state";

const base = (slug: string) => `/api/v1/orgs/${encodeURIComponent(slug)}/clusters`;
type Page<T> = { items: T[]; nextCursor: string | null };

/** Something is moving: poll until it settles. */
export const isSettling = (c: Pick<Cluster, "status" | "activeOperation">) =>
  ["provisioning", "updating", "deleting"].includes(c.status) || c.activeOperation !== null;

export interface ClusterFilters {
  status?: string;
  regionId?: string;
  q?: string;
  sort?: string;
}

export function useClusters(slug: string, filters: ClusterFilters) {
  return useInfiniteQuery({
    queryKey: clusterKeys.list(slug, { ...filters }),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(filters)) if (v) query.set(k, v);
      if (pageParam) query.set("cursor", pageParam);
      return apiFetch<Page<Cluster>>(`${base(slug)}?${query}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => unlessLive(q.state.data?.pages.some((p) => p.items.some(isSettling)) ? 2000 : 15_000),
  });
}

/** `initialData`: what the server page rendered, so the first paint needs no request; polling goes on. */
export function useCluster(slug: string, id: string, initialData?: ClusterDetail) {
  return useQuery({
    queryKey: clusterKeys.detail(slug, id),
    queryFn: () => apiFetch<ClusterDetail>(`${base(slug)}/${id}`),
    initialData,
    refetchInterval: (q) => unlessLive(q.state.data && isSettling(q.state.data) ? 1000 : 10_000),
  });
}

export function useClusterOperations(slug: string, id: string, live: boolean, initialData?: ConsoleOperation[]) {
  return useQuery({
    queryKey: clusterKeys.operations(slug, id),
    queryFn: () => apiFetch<Page<ConsoleOperation>>(`/api/v1/orgs/${encodeURIComponent(slug)}/operations?targetId=${encodeURIComponent(id)}&limit=50`).then((p) => p.items),
    initialData,
    // Poll fast while the cluster is changing or any listed operation has not ended: the history
    // must not show a finished change as still running for the slow interval.
    refetchInterval: (q) => unlessLive(live || q.state.data?.some((o) => o.status === "pending" || o.status === "running") ? 2000 : 15_000),
  });
}

export function useClusterPreflight(slug: string, input: ClusterPreflightInput) {
  return useQuery({
    queryKey: clusterKeys.preflight(slug, input),
    queryFn: ({ signal }) => apiFetch<ClusterPreflight>(`${base(slug)}/preflight`, { method: "POST", body: input, signal }),
    placeholderData: keepPreviousData,
    staleTime: 5000,
  });
}

function useInvalidating<V>(slug: string, id: string | null, fn: (v: V) => Promise<ConsoleOperation>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async (op) => {
      const target = id ?? op?.target.id;
      await qc.invalidateQueries({ queryKey: clusterKeys.all(slug) });
      if (target) await qc.invalidateQueries({ queryKey: clusterKeys.detail(slug, target) });
    },
  });
}

/** Each takes the intent's Idempotency-Key: a double click or a retry sends the same one. */
export function useLaunchCluster(slug: string) {
  return useInvalidating(slug, null, ({ input, idempotencyKey }: { input: CreateClusterDraft; idempotencyKey: string }) =>
    apiFetch<ConsoleOperation>(base(slug), { method: "POST", body: input, idempotencyKey }),
  );
}

export function useUpdateNodePool(slug: string, clusterId: string) {
  return useInvalidating(slug, clusterId, ({ poolId, change, idempotencyKey }: { poolId: string; change: { count?: number; autoscaling?: { min: number; max: number } | null }; idempotencyKey: string }) =>
    apiFetch<ConsoleOperation>(`${base(slug)}/${clusterId}/node-pools/${poolId}`, { method: "PATCH", body: change, idempotencyKey }),
  );
}

export function useAddNodePool(slug: string, clusterId: string) {
  return useInvalidating(slug, clusterId, ({ pool, idempotencyKey }: { pool: NodePoolInputDraft; idempotencyKey: string }) =>
    apiFetch<ConsoleOperation>(`${base(slug)}/${clusterId}/node-pools`, { method: "POST", body: pool, idempotencyKey }),
  );
}

export function useRemoveNodePool(slug: string, clusterId: string) {
  return useInvalidating(slug, clusterId, ({ poolId, idempotencyKey }: { poolId: string; idempotencyKey: string }) =>
    apiFetch<ConsoleOperation>(`${base(slug)}/${clusterId}/node-pools/${poolId}`, { method: "DELETE", idempotencyKey }),
  );
}

export function useUpgradeCluster(slug: string, clusterId: string) {
  return useInvalidating(slug, clusterId, ({ kubernetesVersion, idempotencyKey }: { kubernetesVersion: string; idempotencyKey: string }) =>
    apiFetch<ConsoleOperation>(`${base(slug)}/${clusterId}`, { method: "PATCH", body: { kubernetesVersion }, idempotencyKey }),
  );
}

export function useDeleteCluster(slug: string, clusterId: string) {
  return useInvalidating(slug, clusterId, ({ idempotencyKey }: { idempotencyKey: string }) =>
    apiFetch<ConsoleOperation>(`${base(slug)}/${clusterId}`, { method: "DELETE", idempotencyKey }),
  );
}

export function useIssueKubeconfig(slug: string, clusterId: string) {
  return useMutation({
    mutationFn: (ttlSeconds: number) => apiFetch<Kubeconfig>(`${base(slug)}/${clusterId}/kubeconfig`, { method: "POST", body: { ttlSeconds } }),
  });
}
