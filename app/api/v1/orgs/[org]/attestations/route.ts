import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { decodeCursor, encodeCursor } from "@/lib/api/pagination";
import { AttestationListFilter, RequestAttestationInput } from "@/lib/domain/attestation-api";
import { ListQuery } from "@/lib/domain/common";
import { listAttestations } from "@/lib/services/attestations/list-attestations";
import { requestAttestation } from "@/lib/services/attestations/request-attestation";

export const GET = apiRoute({ params: OrgParams, query: ListQuery.extend(AttestationListFilter.shape) }, async ({ principal, params, query }) => {
  const { limit, cursor, ...filter } = query;
  const position = decodeCursor<{ id: string }>(cursor, ["id"]);
  const page = await listAttestations(principal, params.org, filter, { limit, beforeId: position?.id });
  return ok({ items: page.items, nextCursor: page.nextAfterId ? encodeCursor({ id: page.nextAfterId }) : null });
});

export const POST = apiRoute({ params: OrgParams, body: RequestAttestationInput, idempotent: true }, async ({ principal, params, body }) => {
  const attestation = await requestAttestation(principal, params.org, body);
  return created(attestation, `/api/v1/orgs/${params.org}/attestations/${attestation.id}`);
});
