import "server-only";
import { getAttestation as findAttestation } from "@/lib/attestation/find-attestations";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import type { AttestationFile } from "./get-attestation-pdf";

/** The signed statement itself, as a file a customer can verify offline (RFC 7519 media type). */
export async function getAttestationJws(principal: Principal, slug: string, id: string): Promise<AttestationFile> {
  const { db, orgId } = await orgContext(principal, slug, "attestations.read");
  const found = await findAttestation(db, orgId, id);
  if (!found) throw new AppError("not_found", "attestation not found");
  return { filename: `attestation-${id}.jws`, contentType: "application/jwt", bytes: new TextEncoder().encode(found.attestation.jws) };
}
