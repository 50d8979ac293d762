import { useQuery } from "@tanstack/react-query";
import type { AttestationListItem } from "@/lib/domain/attestation-api";
import { api, ok } from "../api";
import { attestationKeys } from "./keys";

/** The newest residency statement about one cluster or endpoint (null while none is issued yet). */
export function useLatestAttestation(slug: string, resourceId: string, enabled = true) {
  return useQuery({
    queryKey: [...attestationKeys.list(slug, { resourceId }), "latest"],
    queryFn: ({ signal }) =>
      ok<{ items: AttestationListItem[] }>(api.GET("/api/v1/orgs/{org}/attestations", { params: { path: { org: slug }, query: { resourceId, limit: 1 } }, signal })).then((p) => p.items[0] ?? null),
    enabled,
    refetchInterval: 60_000,
  });
}
