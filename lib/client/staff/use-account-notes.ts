import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { AccountActivity, AccountNote } from "@/lib/domain/staff";
import { api, ok } from "../api";
import { staffKeys } from "./keys";


export function useAccountNotes(slug: string) {
  return useInfiniteQuery({
    queryKey: staffKeys.notes(slug),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      ok<{ items: AccountNote[]; nextCursor: string | null }>(api.GET("/api/v1/staff/accounts/{org}/notes", { params: { path: { org: slug }, query: { limit: 20, cursor: pageParam ?? undefined } }, signal })),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCreateAccountNote(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => ok<AccountNote>(api.POST("/api/v1/staff/accounts/{org}/notes", { params: { path: { org: slug } }, body: { body } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: staffKeys.notes(slug) });
      void qc.invalidateQueries({ queryKey: staffKeys.activity(slug) });
    },
  });
}

export function useAccountActivity(slug: string) {
  return useInfiniteQuery({
    queryKey: staffKeys.activity(slug),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      ok<{ items: AccountActivity[]; nextCursor: string | null }>(api.GET("/api/v1/staff/accounts/{org}/activity", { params: { path: { org: slug }, query: { limit: 30, cursor: pageParam ?? undefined } }, signal })),
    getNextPageParam: (last) => last.nextCursor,
  });
}
