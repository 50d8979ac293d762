import "server-only";
import { CompactSign } from "jose";
import type { DbOrTx } from "@/lib/db/client";
import { attestations } from "@/lib/db/schema/attestation";
import {
  ATTESTATION_ALG,
  ATTESTATION_DEFAULT_TTL_SECONDS,
  ATTESTATION_JWS_TYPE,
  AttestationClaims,
  AttestationNonce,
  type Attestation,
} from "@/lib/domain/attestation";
import { appraiseEvidence, type FacilityLookup } from "@/lib/domain/attestation-policy";
import { AppError } from "@/lib/domain/errors";
import { HardwareEvidence } from "@/lib/domain/evidence";
import { newId } from "@/lib/domain/ids";
import { toAttestation } from "./attestation-record";
import { buildClaims } from "./build-claims";
import { attestationIssuer } from "./issuer";
import type { Kek } from "./kek";
import { activeSigningKey } from "./keys";

// Evidence → appraisal → claims → ES256 JWS → stored forever. The caller (a service) has
// already checked that the principal may ask; this checks that the evidence is for this org.

export interface IssueAttestationInput {
  evidence: HardwareEvidence;
  orgId: string;
  /** A customer's freshness value, echoed as eat_nonce. */
  nonce?: string;
}

export interface IssueAttestationOptions {
  now?: Date;
  /** Lifetime of the statement; default 24 h. */
  ttlSeconds?: number;
  issuer?: string;
  kek?: Kek;
  /** Where facilities are; defaults to the operator catalog. */
  facilityLookup?: FacilityLookup;
}

export interface IssuedAttestation {
  attestation: Attestation;
  claims: AttestationClaims;
}

export async function issueAttestation(
  db: DbOrTx,
  input: IssueAttestationInput,
  options: IssueAttestationOptions = {},
): Promise<IssuedAttestation> {
  const evidenceResult = HardwareEvidence.safeParse(input.evidence);
  if (!evidenceResult.success) throw new AppError("validation_failed", "hardware evidence is malformed", { issues: evidenceResult.error.issues });
  const evidence = evidenceResult.data;
  // Evidence for another tenant's resource must never be signed as this org's: to the caller
  // it is a resource that does not exist.
  if (evidence.tenantId !== input.orgId) throw new AppError("not_found", "resource not found");
  if (input.nonce !== undefined && !AttestationNonce.safeParse(input.nonce).success) {
    throw new AppError("validation_failed", "nonce must be 8–88 characters of A–Z a–z 0–9 _ . ~ -", { field: "nonce" });
  }
  const ttlSeconds = options.ttlSeconds ?? ATTESTATION_DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new AppError("validation_failed", "ttlSeconds must be a positive integer");

  const now = options.now ?? new Date();
  // JWT times are whole seconds; store the same instant the statement states.
  const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const id = newId("attestation", issuedAt.getTime());
  const appraisal = appraiseEvidence(evidence, options.facilityLookup);
  // Parse what we built before signing it: a signature is forever, a bug in a builder need not be.
  const claims = AttestationClaims.parse(
    buildClaims({
      evidence,
      orgId: input.orgId,
      id,
      issuer: options.issuer ?? attestationIssuer(),
      issuedAt,
      ttlSeconds,
      nonce: input.nonce,
      appraisal,
    }),
  );

  const key = await activeSigningKey(db, { kek: options.kek, now });
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: ATTESTATION_ALG, typ: ATTESTATION_JWS_TYPE, kid: key.kid })
    .sign(key.privateKey);

  const [row] = await db
    .insert(attestations)
    .values({
      id,
      orgId: input.orgId,
      resourceId: evidence.resourceId,
      resourceKind: evidence.resourceKind,
      kid: key.kid,
      jws,
      claims,
      status: appraisal.status,
      issuedAt,
      expiresAt: new Date(claims.exp * 1000),
      nonce: input.nonce ?? null,
      nodeSetDigest: evidence.nodeSetDigest,
    })
    .returning();
  return { attestation: toAttestation(row), claims };
}
