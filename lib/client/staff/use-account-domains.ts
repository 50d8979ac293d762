import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { OrgDomain } from "@/lib/domain/sso";
import { apiFetch, newIdempotencyKey } from "../api-fetch";
import { staffKeys } from "./keys";

const base = (slug: string) => `/api/v1/staff/accounts/${encodeURIComponent(slug)}/domains`;

export function useAccountDomains(slug: string) {
  return useQuery({ queryKey: staffKeys.domains(slug), queryFn: () => apiFetch<{ items: OrgDomain[] }>(base(slug)).then((p) => p.items) });
}

export function useVerifyAccountDomain(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (domain: string) => apiFetch<OrgDomain>(base(slug), { method: "POST", body: { domain }, idempotencyKey: newIdempotencyKey() }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: staffKeys.domains(slug) });
      void qc.invalidateQueries({ queryKey: staffKeys.activity(slug) });
    },
  });
}

export function useRemoveAccountDomain(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (domain: string) => apiFetch(`${base(slug)}/${encodeURIComponent(domain)}`, { method: "DELETE" }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: staffKeys.domains(slug) });
      void qc.invalidateQueries({ queryKey: staffKeys.activity(slug) });
    },
  });
}
