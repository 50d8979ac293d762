import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { OrgDomain } from "@/lib/domain/sso";
import { api, ok } from "../api";
import { staffKeys } from "./keys";


export function useAccountDomains(slug: string) {
  return useQuery({ queryKey: staffKeys.domains(slug), queryFn: () => ok<{ items: OrgDomain[] }>(api.GET("/api/v1/staff/accounts/{org}/domains", { params: { path: { org: slug } } })).then((p) => p.items) });
}

export function useVerifyAccountDomain(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (domain: string) => ok<OrgDomain>(api.POST("/api/v1/staff/accounts/{org}/domains", { params: { path: { org: slug } }, body: { domain } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: staffKeys.domains(slug) });
      void qc.invalidateQueries({ queryKey: staffKeys.activity(slug) });
    },
  });
}

export function useRemoveAccountDomain(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (domain: string) => ok(api.DELETE("/api/v1/staff/accounts/{org}/domains/{domain}", { params: { path: { org: slug, domain } } })),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: staffKeys.domains(slug) });
      void qc.invalidateQueries({ queryKey: staffKeys.activity(slug) });
    },
  });
}
