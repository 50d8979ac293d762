import "server-only";
import { createHash } from "node:crypto";
import type { Attestation, AttestationClaims } from "@/lib/domain/attestation";
import type { AttestationDetail } from "@/lib/domain/attestation-api";

/** The same fingerprint the certificate PDF prints: SHA-256 of the JWS text. */
export function jwsSha256(jws: string): string {
  return createHash("sha256").update(jws, "ascii").digest("hex");
}

export function toAttestationDetail(attestation: Attestation, claims: AttestationClaims, resourceName: string | null): AttestationDetail {
  return { ...attestation, resourceName, claims, jwsSha256: jwsSha256(attestation.jws) };
}
