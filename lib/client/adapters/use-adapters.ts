import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Adapter } from "@/lib/domain/adapters/adapters-api";
import type { paths } from "@/lib/sdk/generated/openapi";
import type { EndpointAdapterUsage } from "@/lib/domain/adapters/adapter-usage-api";
import type { EndpointAdapterList } from "@/lib/domain/adapters/endpoint-adapters-api";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { api, ok } from "../api";
import { operationKeys } from "../operations/use-operations";
import { uploadAdapterWeights } from "./upload-adapter-weights";

// The org's LoRA adapters and the ones an endpoint serves, through the SDK (the weights' upload,
// a raw body with progress, is the one call outside it: see upload-adapter-weights.ts).

export const adapterKeys = {
  all: (slug: string) => ["orgs", slug, "adapters"] as const,
  list: (slug: string, baseModelId?: string) => ["orgs", slug, "adapters", "list", baseModelId ?? null] as const,
  ofEndpoint: (slug: string, endpointId: string) => ["orgs", slug, "adapters", "endpoint", endpointId] as const,
  usage: (slug: string, endpointId: string, days: number) => ["orgs", slug, "adapters", "endpoint", endpointId, "usage", days] as const,
};

type Page = { items: Adapter[]; nextCursor: string | null };
/** As the API document types it: the base model is one of the catalog's ids. */
export type NewAdapter = paths["/api/v1/orgs/{org}/adapters"]["post"]["requestBody"]["content"]["application/json"];

export function useAdapters(slug: string, baseModelId?: string) {
  return useQuery({
    queryKey: adapterKeys.list(slug, baseModelId),
    queryFn: ({ signal }) => ok<Page>(api.GET("/api/v1/orgs/{org}/adapters", { params: { path: { org: slug }, query: { limit: 100, baseModelId } }, signal })).then((p) => p.items),
  });
}

export function useCreateAdapter(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewAdapter) => ok<Adapter>(api.POST("/api/v1/orgs/{org}/adapters", { params: { path: { org: slug } }, body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: adapterKeys.all(slug) }),
  });
}

export function useUploadAdapterWeights(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file, onProgress, signal }: { id: string; file: File; onProgress: (fraction: number) => void; signal?: AbortSignal }) =>
      uploadAdapterWeights(slug, id, file, onProgress, signal),
    onSettled: () => qc.invalidateQueries({ queryKey: adapterKeys.all(slug) }),
  });
}

export function useDeleteAdapter(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => ok(api.DELETE("/api/v1/orgs/{org}/adapters/{id}", { params: { path: { org: slug, id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: adapterKeys.all(slug) }),
  });
}

/** Polls fast while an adapter is attaching or detaching, so the list settles as soon as the operation does. */
export function useEndpointAdapters(slug: string, endpointId: string) {
  return useQuery({
    queryKey: adapterKeys.ofEndpoint(slug, endpointId),
    queryFn: ({ signal }) => ok<EndpointAdapterList>(api.GET("/api/v1/orgs/{org}/endpoints/{id}/adapters", { params: { path: { org: slug, id: endpointId } }, signal })),
    refetchInterval: (q) => (q.state.data?.items.some((a) => a.state !== "attached") ? 2000 : 15_000),
  });
}

export function useAttachAdapter(slug: string, endpointId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (adapterId: string) => ok<ConsoleOperation>(api.POST("/api/v1/orgs/{org}/endpoints/{id}/adapters", { params: { path: { org: slug, id: endpointId } }, body: { adapterId } })),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: adapterKeys.all(slug) }), qc.invalidateQueries({ queryKey: operationKeys.all(slug) })]),
  });
}

export function useDetachAdapter(slug: string, endpointId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (adapterId: string) =>
      ok<ConsoleOperation>(api.DELETE("/api/v1/orgs/{org}/endpoints/{id}/adapters/{adapterId}", { params: { path: { org: slug, id: endpointId, adapterId } } })),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: adapterKeys.all(slug) }), qc.invalidateQueries({ queryKey: operationKeys.all(slug) })]),
  });
}

/** An endpoint's requests and tokens per adapter over the last `days` JST days (the metering flushes every few seconds). */
export function useEndpointAdapterUsage(slug: string, endpointId: string, days: number) {
  return useQuery({
    queryKey: adapterKeys.usage(slug, endpointId, days),
    queryFn: ({ signal }) => ok<EndpointAdapterUsage>(api.GET("/api/v1/orgs/{org}/endpoints/{id}/adapter-usage", { params: { path: { org: slug, id: endpointId }, query: { days } }, signal })),
    refetchInterval: 15_000,
  });
}
