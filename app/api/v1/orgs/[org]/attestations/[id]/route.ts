import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { getAttestation } from "@/lib/services/attestations/get-attestation";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getAttestation(principal, params.org, params.id)));
