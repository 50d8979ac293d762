import "server-only";
import { getControlPlane } from "@/lib/control-plane";
import { getAttestation as findAttestation } from "@/lib/attestation/find-attestations";
import { renderAttestationPdf } from "@/lib/attestation/render-attestation-pdf";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { resourceNames } from "./org-resources";

export interface AttestationFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The certificate PDF (Japanese with English) of one statement of this org. */
export async function getAttestationPdf(principal: Principal, slug: string, id: string): Promise<AttestationFile> {
  const { db, access, orgId } = await orgContext(principal, slug, "attestations.read");
  const found = await findAttestation(db, orgId, id);
  if (!found) throw new AppError("not_found", "attestation not found");
  const names = await resourceNames(await getControlPlane(), orgId);
  const bytes = await renderAttestationPdf({
    attestation: found.attestation,
    claims: found.claims,
    resourceName: names.get(found.attestation.resourceId),
    orgName: access.org.legalNameJa,
  });
  return { filename: `attestation-${id}.pdf`, contentType: "application/pdf", bytes: new Uint8Array(bytes) };
}
