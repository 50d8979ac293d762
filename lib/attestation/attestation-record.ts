import type { Attestation } from "@/lib/domain/attestation";
import type { attestations } from "@/lib/db/schema/attestation";

// A stored row → the API's Attestation. Rows never reach callers directly (conventions.md §7).

export type AttestationRow = typeof attestations.$inferSelect;

export function toAttestation(row: AttestationRow): Attestation {
  return {
    id: row.id,
    orgId: row.orgId,
    resourceId: row.resourceId,
    resourceKind: row.resourceKind,
    kid: row.kid,
    status: row.status,
    facility: row.claims.residency.facility,
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    jws: row.jws,
    nonce: row.nonce,
    nodeSetDigest: row.nodeSetDigest,
  };
}
