import "server-only";
import { getControlPlane } from "@/lib/control-plane";
import { issueAttestation } from "@/lib/attestation/issue-attestation";
import type { Principal } from "@/lib/auth/principal";
import { RequestAttestationInput, type AttestationDetail } from "@/lib/domain/attestation-api";
import { AppError, isAppError } from "@/lib/domain/errors";
import type { HardwareEvidence } from "@/lib/domain/evidence";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { ATTESTABLE_STATUSES, orgResource } from "./org-resources";
import { toAttestationDetail } from "./to-attestation-detail";

/**
 * A fresh statement about one running resource, echoing the caller's nonce as eat_nonce, so the
 * caller knows it was made for this request and not replayed. Kept in the history like any other.
 */
export async function requestAttestation(principal: Principal, slug: string, rawInput: RequestAttestationInput): Promise<AttestationDetail> {
  const input = RequestAttestationInput.parse(rawInput);
  const { db, orgId } = await orgContext(principal, slug, "attestations.request");
  const controlPlane = await getControlPlane();
  // Ownership first: another org's resource is a 404 whatever state it is in.
  const resource = await orgResource(controlPlane, orgId, input.resourceId);
  const notRunning = () =>
    new AppError("business_rule", `the ${resource.kind} is ${resource.status}: only a running one can be attested`, {
      field: "resourceId",
      reason: "resource_not_running",
      status: resource.status,
    });
  if (!ATTESTABLE_STATUSES.includes(resource.status)) throw notRunning();
  let evidence: HardwareEvidence;
  try {
    evidence = await controlPlane.getEvidence(resource.id);
  } catch (error) {
    if (isAppError(error) && error.code === "conflict") throw notRunning();
    throw error;
  }
  const issued = await db.transaction(async (tx) => {
    const result = await issueAttestation(tx, { evidence, orgId, nonce: input.nonce });
    await recordAudit(tx, principal, orgId, {
      action: "attestation.request",
      targetType: "attestation",
      targetId: result.attestation.id,
      data: { resourceId: resource.id, resourceKind: resource.kind, nonce: input.nonce, status: result.attestation.status },
    });
    return result;
  });
  return toAttestationDetail(issued.attestation, issued.claims, resource.name);
}
