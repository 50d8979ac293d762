import { z } from "zod";
import { Attestation, AttestationClaims, AttestationNonce, AppraisalStatus, AttestedResourceKind } from "./attestation";

// What the attestations API takes and returns, beside the claims schema of ./attestation.
// The list leaves out the JWS text (it can be long: one entry per GPU); the detail has it.

export const AttestationListItem = Attestation.omit({ jws: true }).extend({
  resourceName: z.string().nullable().describe("the cluster's or endpoint's name, when the control plane still knows it"),
});
export type AttestationListItem = z.infer<typeof AttestationListItem>;

export const AttestationDetail = Attestation.extend({
  resourceName: z.string().nullable(),
  claims: AttestationClaims.describe("the decoded payload of the JWS, as signed"),
  jwsSha256: z.string().describe("SHA-256 of the JWS text (hex), as printed on the certificate"),
});
export type AttestationDetail = z.infer<typeof AttestationDetail>;

export const AttestationListFilter = z.object({
  resourceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().describe("only statements about this cluster or endpoint"),
  status: AppraisalStatus.optional(),
});
export type AttestationListFilter = z.infer<typeof AttestationListFilter>;

export const RequestAttestationInput = z.object({
  resourceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).describe("a running cluster or endpoint of the org"),
  nonce: AttestationNonce.describe("your freshness value, echoed in the statement as eat_nonce (8–88 of A–Z a–z 0–9 _ . ~ -)"),
});
export type RequestAttestationInput = z.infer<typeof RequestAttestationInput>;

/** A running resource that can be attested, for the "request with nonce" picker. */
export const AttestableResource = z.object({
  id: z.string(),
  kind: AttestedResourceKind,
  name: z.string(),
  regionId: z.string(),
  zoneId: z.string(),
});
export type AttestableResource = z.infer<typeof AttestableResource>;

export const PublicJwk = z.object({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string(),
  y: z.string(),
  kid: z.string().describe("RFC 7638 thumbprint"),
  alg: z.literal("ES256"),
  use: z.literal("sig"),
});
export const Jwks = z.object({ keys: z.array(PublicJwk).describe("active key first, then every retired key, newest first") });

export const SigningKeyInfo = z.object({
  kid: z.string(),
  status: z.enum(["active", "retired"]),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});
export type SigningKeyInfo = z.infer<typeof SigningKeyInfo>;

export const KeyRotation = z.object({ retired: SigningKeyInfo.nullable(), active: SigningKeyInfo });
export type KeyRotation = z.infer<typeof KeyRotation>;

/** The offline-verification guide: the openssl recipe (tested against real statements). */
export const VerificationGuide = z.object({
  jwksPath: z.string(),
  issuer: z.string(),
  opensslSteps: z.array(z.object({ titleJa: z.string(), titleEn: z.string(), script: z.string() })),
  opensslScript: z.string(),
  /** The same check with a standard JOSE library (Node.js, jose), pinned to ES256. */
  joseScript: z.string(),
});
export type VerificationGuide = z.infer<typeof VerificationGuide>;
