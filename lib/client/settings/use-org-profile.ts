import { useMutation } from "@tanstack/react-query";
import type { CreateOrgInput, Org, UpdateOrgInput } from "@/lib/domain/orgs";
import { apiFetch, newIdempotencyKey } from "../api-fetch";

export function useUpdateOrg(slug: string) {
  return useMutation({ mutationFn: (input: UpdateOrgInput) => apiFetch<Org>(`/api/v1/orgs/${encodeURIComponent(slug)}`, { method: "PATCH", body: input }) });
}

export function useCreateOrg() {
  return useMutation({ mutationFn: (input: CreateOrgInput) => apiFetch<Org>("/api/v1/orgs", { method: "POST", body: input, idempotencyKey: newIdempotencyKey() }) });
}
