import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { AccountActivity, AccountNote } from "@/lib/domain/staff";
import { apiFetch, newIdempotencyKey } from "../api-fetch";
import { staffKeys } from "./keys";

const base = (slug: string) => `/api/v1/staff/accounts/${encodeURIComponent(slug)}`;

export function useAccountNotes(slug: string) {
  return useInfiniteQuery({
    queryKey: staffKeys.notes(slug),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiFetch<{ items: AccountNote[]; nextCursor: string | null }>(`${base(slug)}/notes?limit=20${pageParam ? `&cursor=${pageParam}` : ""}`, { signal }),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCreateAccountNote(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => apiFetch<AccountNote>(`${base(slug)}/notes`, { method: "POST", body: { body }, idempotencyKey: newIdempotencyKey() }),
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
      apiFetch<{ items: AccountActivity[]; nextCursor: string | null }>(`${base(slug)}/activity?limit=30${pageParam ? `&cursor=${pageParam}` : ""}`, { signal }),
    getNextPageParam: (last) => last.nextCursor,
  });
}
