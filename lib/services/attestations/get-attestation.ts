import "server-only";
import { getControlPlane } from "@/lib/control-plane";
import { getAttestation as findAttestation } from "@/lib/attestation/find-attestations";
import type { Principal } from "@/lib/auth/principal";
import type { AttestationDetail } from "@/lib/domain/attestation-api";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { resourceNames } from "./org-resources";
import { toAttestationDetail } from "./to-attestation-detail";

/** One statement of this org with its decoded claims and the JWS; another org's is a 404. */
export async function getAttestation(principal: Principal, slug: string, id: string): Promise<AttestationDetail> {
  const { db, orgId } = await orgContext(principal, slug, "attestations.read");
  const found = await findAttestation(db, orgId, id);
  if (!found) throw new AppError("not_found", "attestation not found");
  const names = await resourceNames(await getControlPlane(), orgId);
  return toAttestationDetail(found.attestation, found.claims, names.get(found.attestation.resourceId) ?? null);
}
