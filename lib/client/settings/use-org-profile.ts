import { useMutation } from "@tanstack/react-query";
import type { CreateOrgInput, Org, UpdateOrgInput } from "@/lib/domain/orgs";
import { api, ok } from "../api";

export function useUpdateOrg(slug: string) {
  return useMutation({ mutationFn: (input: UpdateOrgInput) => ok<Org>(api.PATCH("/api/v1/orgs/{org}", { params: { path: { org: slug } }, body: input })) });
}

export function useCreateOrg() {
  return useMutation({ mutationFn: (input: CreateOrgInput) => ok<Org>(api.POST("/api/v1/orgs", { body: input })) });
}
