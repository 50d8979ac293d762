import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Cluster, ClusterDetail, ClusterPreflight, ClusterPreflightInput, CreateClusterDraft, Kubeconfig, NodePoolInputDraft } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import type { ApprovalRequest } from "@/lib/domain/approval-requests";
import type { operations } from "@/lib/sdk/generated/openapi";
import { api, ok } from "../api";
import { clusterKeys } from "./keys";
import { unlessLive } from "../events/live-state";
import type { Page } from "@/lib/domain/cursor";

type KubernetesVersion = NonNullable<operations["upgradeCluster"]["requestBody"]>["content"]["application/json"]["kubernetesVersion"];
/** The intent's Idempotency-Key (one per dialog opening), instead of the SDK's one per call. */
const key = (idempotencyKey: string) => ({ "Idempotency-Key": idempotencyKey });

/** Something is moving: poll until it settles. An order waiting for capacity is not (it may wait for days). */
export const isSettling = (c: Pick<Cluster, "status" | "activeOperation">) =>
  (["provisioning", "updating", "deleting"].includes(c.status) || c.activeOperation !== null) && c.activeOperation?.status !== "queued";

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
    queryFn: ({ pageParam, signal }) =>
      ok<Page<Cluster>>(
        api.GET("/api/v1/orgs/{org}/clusters", {
          params: {
            path: { org: slug },
            query: { status: (filters.status || undefined) as Cluster["status"] | "active" | undefined, regionId: filters.regionId || undefined, q: filters.q || undefined, sort: (filters.sort || undefined) as "created_desc" | undefined, cursor: pageParam ?? undefined },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => unlessLive(q.state.data?.pages.some((p) => p.items.some(isSettling)) ? 2000 : 15_000),
  });
}

/** `initialData`: what the server page rendered, so the first paint needs no request; polling goes on. */
export function useCluster(slug: string, id: string, initialData?: ClusterDetail) {
  return useQuery({
    queryKey: clusterKeys.detail(slug, id),
    queryFn: () => ok<ClusterDetail>(api.GET("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org: slug, id } } })),
    initialData,
    refetchInterval: (q) => unlessLive(q.state.data && isSettling(q.state.data) ? 1000 : 10_000),
  });
}

export function useClusterPreflight(slug: string, input: ClusterPreflightInput) {
  return useQuery({
    queryKey: clusterKeys.preflight(slug, input),
    queryFn: ({ signal }) => ok<ClusterPreflight>(api.POST("/api/v1/orgs/{org}/clusters/preflight", { params: { path: { org: slug } }, body: input, signal })),
    placeholderData: keepPreviousData,
    staleTime: 5000,
  });
}

function useInvalidating<V>(slug: string, id: string | null, fn: (v: V) => Promise<ConsoleOperation | ApprovalRequest>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async (op) => {
      const target = id ?? (op && "target" in op ? op.target.id : undefined);
      await qc.invalidateQueries({ queryKey: clusterKeys.all(slug) });
      if (target) await qc.invalidateQueries({ queryKey: clusterKeys.detail(slug, target) });
    },
  });
}

/** Each takes the intent's Idempotency-Key: a double click or a retry sends the same one. */
/** 202: the launch Operation, or the 稟議 the order waits in when a rule applies (nothing launched yet). */
export function useLaunchCluster(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: CreateClusterDraft; idempotencyKey: string }) =>
      ok<ConsoleOperation | ApprovalRequest>(api.POST("/api/v1/orgs/{org}/clusters", { params: { path: { org: slug } }, body: input, headers: key(idempotencyKey) })),
    onSettled: () => qc.invalidateQueries({ queryKey: clusterKeys.all(slug) }),
  });
}

export function useUpdateNodePool(slug: string, clusterId: string) {
  return useInvalidating(slug, clusterId, ({ poolId, change, idempotencyKey }: { poolId: string; change: { count?: number; autoscaling?: { min: number; max: number } | null; queue?: { deadline?: string } }; idempotencyKey: string }) =>
    ok<ConsoleOperation | ApprovalRequest>(api.PATCH("/api/v1/orgs/{org}/clusters/{id}/node-pools/{poolId}", { params: { path: { org: slug, id: clusterId, poolId } }, body: change, headers: key(idempotencyKey) })),
  );
}

export function useAddNodePool(slug: string, clusterId: string) {
  return useInvalidating(slug, clusterId, ({ pool, idempotencyKey }: { pool: NodePoolInputDraft; idempotencyKey: string }) =>
    ok<ConsoleOperation>(api.POST("/api/v1/orgs/{org}/clusters/{id}/node-pools", { params: { path: { org: slug, id: clusterId } }, body: pool, headers: key(idempotencyKey) })),
  );
}

export function useRemoveNodePool(slug: string, clusterId: string) {
  return useInvalidating(slug, clusterId, ({ poolId, idempotencyKey }: { poolId: string; idempotencyKey: string }) =>
    ok<ConsoleOperation>(api.DELETE("/api/v1/orgs/{org}/clusters/{id}/node-pools/{poolId}", { params: { path: { org: slug, id: clusterId, poolId } }, headers: key(idempotencyKey) })),
  );
}

export function useUpgradeCluster(slug: string, clusterId: string) {
  return useInvalidating(slug, clusterId, ({ kubernetesVersion, idempotencyKey }: { kubernetesVersion: string; idempotencyKey: string }) =>
    ok<ConsoleOperation>(api.PATCH("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org: slug, id: clusterId } }, body: { kubernetesVersion: kubernetesVersion as KubernetesVersion }, headers: key(idempotencyKey) })),
  );
}

export function useDeleteCluster(slug: string, clusterId: string) {
  return useInvalidating(slug, clusterId, ({ idempotencyKey }: { idempotencyKey: string }) =>
    ok<ConsoleOperation>(api.DELETE("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org: slug, id: clusterId } }, headers: key(idempotencyKey) })),
  );
}

export function useIssueKubeconfig(slug: string, clusterId: string) {
  return useMutation({
    mutationFn: (ttlSeconds: number) => ok<Kubeconfig>(api.POST("/api/v1/orgs/{org}/clusters/{id}/kubeconfig", { params: { path: { org: slug, id: clusterId } }, body: { ttlSeconds } })),
  });
}
