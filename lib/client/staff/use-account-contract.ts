import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AccountContract, PutContractInput } from "@/lib/domain/staff";
import { api, ok } from "../api";
import { staffKeys } from "./keys";


export function useAccountContract(slug: string, initialData?: AccountContract) {
  return useQuery({ queryKey: staffKeys.contract(slug), queryFn: ({ signal }) => ok<AccountContract>(api.GET("/api/v1/staff/accounts/{org}/contract", { params: { path: { org: slug } }, signal })), initialData });
}

export function usePutAccountContract(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PutContractInput) => ok<AccountContract>(api.PUT("/api/v1/staff/accounts/{org}/contract", { params: { path: { org: slug } }, body: input })),
    onSuccess: (data) => {
      qc.setQueryData(staffKeys.contract(slug), data);
      void qc.invalidateQueries({ queryKey: staffKeys.activity(slug) });
    },
  });
}
