import { keepPreviousData, useInfiniteQuery, type InfiniteData } from "@tanstack/react-query";
import type { ConsoleOperation, OperationStatus, OperationTargetKind } from "@/lib/domain/operations";
import { api, ok } from "../api";
import { unlessLive } from "../events/live-state";

// The one client of the one operations list (/orgs/{org}/operations): the org-wide page, a
// cluster's and an endpoint's history all read it with a filter. The live stream refetches
// ["orgs", slug, "operations"] when clusters or endpoints move (lib/client/events).

type Page = { items: ConsoleOperation[]; nextCursor: string | null };

export interface OperationFilters {
  targetId?: string;
  targetKind?: OperationTargetKind;
  status?: OperationStatus;
}

export const operationKeys = {
  all: (slug: string) => ["orgs", slug, "operations"] as const,
  list: (slug: string, filters: OperationFilters) => ["orgs", slug, "operations", "list", filters] as const,
};

export const isOpen = (o: Pick<ConsoleOperation, "status">) => o.status === "pending" || o.status === "running";

/** `live`: the resource is changing, so poll fast even before an open operation is listed. `initial`: what the server rendered. */
export function useOperations(slug: string, filters: OperationFilters, options: { live?: boolean; initial?: Page; limit?: number } = {}) {
  return useInfiniteQuery({
    queryKey: operationKeys.list(slug, filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      ok<Page>(
        api.GET("/api/v1/orgs/{org}/operations", {
          params: { path: { org: slug }, query: { ...filters, limit: options.limit ?? 50, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    initialData: options.initial ? ({ pages: [options.initial], pageParams: [null] } satisfies InfiniteData<Page, string | null>) : undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    // Fast while something is moving: the history must not show a finished change as still running
    // for the slow interval.
    refetchInterval: (q) => unlessLive(options.live || q.state.data?.pages.some((p) => p.items.some(isOpen)) ? 2000 : 15_000),
  });
}
