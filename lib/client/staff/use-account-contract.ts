import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AccountContract, PutContractInput } from "@/lib/domain/staff";
import { apiFetch } from "../api-fetch";
import { staffKeys } from "./keys";

const path = (slug: string) => `/api/v1/staff/accounts/${encodeURIComponent(slug)}/contract`;

export function useAccountContract(slug: string, initialData?: AccountContract) {
  return useQuery({ queryKey: staffKeys.contract(slug), queryFn: ({ signal }) => apiFetch<AccountContract>(path(slug), { signal }), initialData });
}

export function usePutAccountContract(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PutContractInput) => apiFetch<AccountContract>(path(slug), { method: "PUT", body: input }),
    onSuccess: (data) => {
      qc.setQueryData(staffKeys.contract(slug), data);
      void qc.invalidateQueries({ queryKey: staffKeys.activity(slug) });
    },
  });
}
