import { z } from "zod";
import { ATTESTATION_EAT_PROFILE } from "./attestation-constants";

// Residency attestation claims (domain.md, "Residency attestation"): an EAT (RFC 9711) in a JWT,
// signed ES256 by the console acting as verifier. Claim names follow EAT/JWT where a name exists
// (iss, sub, aud, iat, nbf, exp, jti, eat_nonce, eat_profile); the rest is Hinoki's profile and
// uses snake_case like the registered claims, because this JSON is read by customers' tools,
// not by our API clients (whose bodies are camelCase).

export * from "./attestation-constants";

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const EpochSeconds = z.number().int().nonnegative();

export const AppraisalStatus = z.enum(["affirming", "warning", "contraindicated"]);
export type AppraisalStatus = z.infer<typeof AppraisalStatus>;

/** Why an appraisal is not plainly affirming; codes are stable and translated by the UI. */
export const AppraisalReasonCode = z.enum([
  "no_hardware",
  "nras_not_run",
  "nras_failed",
  "cc_off",
  "cc_devtools",
  "facility_outside_japan",
  "facility_unknown",
  "data_plane_outside_japan",
  "data_plane_unknown",
]);
export type AppraisalReasonCode = z.infer<typeof AppraisalReasonCode>;

export const AppraisalReason = z.object({
  code: AppraisalReasonCode,
  /** What the reason is about: a GPU (`node_id/ueid`), a node, a facility id or a data plane. */
  subject: z.string(),
});
export type AppraisalReason = z.infer<typeof AppraisalReason>;

export const Appraisal = z.object({
  status: AppraisalStatus,
  policy_id: z.string(),
  /** Empty when affirming; otherwise every finding, so a reader sees why without guessing. */
  reasons: z.array(AppraisalReason),
});
export type Appraisal = z.infer<typeof Appraisal>;

export const FacilityClaim = z.object({
  id: z.string(),
  /** Prefecture in Japanese, e.g. 東京都. */
  prefecture: z.string(),
  /** ISO 3166-2 subdivision, e.g. JP-13. */
  iso3166_2: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/),
});
export type FacilityClaim = z.infer<typeof FacilityClaim>;

export const DataPlanesClaim = z.object({
  etcd: z.array(z.string()),
  volumes: z.array(z.string()),
  backups: z.array(z.string()),
  logs: z.array(z.string()),
});
export type DataPlanesClaim = z.infer<typeof DataPlanesClaim>;

export const ResidencyClaim = z.object({
  /** ISO 3166-1 alpha-2 of the resource's facility: "JP" for everything this operator runs. */
  country: z.string().regex(/^[A-Z]{2}$/),
  region: z.string(),
  zone: z.string(),
  facility: FacilityClaim,
  data_planes: DataPlanesClaim,
});
export type ResidencyClaim = z.infer<typeof ResidencyClaim>;

export const OperatorClaim = z.object({
  legal_name: z.string(),
  corporate_number: z.string().regex(/^\d{13}$/),
  invoice_reg_no: z.string().regex(/^T\d{13}$/),
  ops_personnel_country: z.string().regex(/^[A-Z]{2}$/),
});
export type OperatorClaim = z.infer<typeof OperatorClaim>;

export const GpuClaim = z.object({
  model: z.string(),
  /** Serial of the GPU's attestation certificate: the hardware identity the location is bound to. */
  ueid: z.string(),
  board_serial: z.string(),
  vbios: z.string(),
  driver: z.string(),
  cc_mode: z.enum(["on", "off", "devtools"]),
  nras_result: z.enum(["pass", "fail", "not_run"]),
});
export type GpuClaim = z.infer<typeof GpuClaim>;

export const NodeClaim = z.object({
  node_id: z.string(),
  // Per-node place, beyond the bare {node_id, gpus}: the endorsement binds each attested GPU to
  // the facility that holds it, so a node placed elsewhere cannot hide behind the resource's zone.
  zone: z.string(),
  facility_id: z.string(),
  gpus: z.array(GpuClaim),
});
export type NodeClaim = z.infer<typeof NodeClaim>;

export const MeasurementClaim = z.object({
  component: z.string(),
  version: z.string(),
  /** SHA-256, lowercase hex. */
  digest: Sha256Hex,
});
export type MeasurementClaim = z.infer<typeof MeasurementClaim>;

export const AttestationClaims = z.object({
  iss: z.string(),
  /** Resource URN: urn:hinoki:<org>:<cluster|endpoint>:<id>. */
  sub: z.string().regex(/^urn:hinoki:[^:]+:(cluster|endpoint):[^:]+$/),
  /** The customer org the statement is for. */
  aud: z.string(),
  iat: EpochSeconds,
  nbf: EpochSeconds,
  exp: EpochSeconds,
  /** Equals the attestation id (at_…), so a statement can be looked up from its text. */
  jti: z.string(),
  eat_nonce: z.string().optional(),
  eat_profile: z.literal(ATTESTATION_EAT_PROFILE),
  residency: ResidencyClaim,
  operator: OperatorClaim,
  hardware: z.object({ nodes: z.array(NodeClaim) }),
  measurements: z.array(MeasurementClaim),
  appraisal: Appraisal,
});
export type AttestationClaims = z.infer<typeof AttestationClaims>;

export const AttestedResourceKind = z.enum(["cluster", "endpoint"]);
export type AttestedResourceKind = z.infer<typeof AttestedResourceKind>;

export function resourceUrn(orgId: string, kind: AttestedResourceKind, resourceId: string): string {
  return `urn:hinoki:${orgId}:${kind}:${resourceId}`;
}

/**
 * A caller-chosen freshness value echoed as eat_nonce. RFC 9711 allows 8–64 bytes; as text we
 * take 8–88 URL-safe characters (64 bytes in base64url), so it survives headers and query strings.
 */
export const AttestationNonce = z.string().regex(/^[A-Za-z0-9_.~-]{8,88}$/);

/** What the API returns for one stored statement. */
export const Attestation = z.object({
  id: z.string().describe("at_…; also the statement's jti"),
  orgId: z.string(),
  resourceId: z.string(),
  resourceKind: AttestedResourceKind,
  kid: z.string().describe("RFC 7638 thumbprint of the signing key"),
  status: AppraisalStatus,
  facility: FacilityClaim,
  issuedAt: z.string().describe("RFC 3339 UTC"),
  expiresAt: z.string().describe("RFC 3339 UTC"),
  jws: z.string().describe("JWS compact serialization"),
  nonce: z.string().nullable(),
  nodeSetDigest: z.string().describe("digest of the node set the statement covers"),
});
export type Attestation = z.infer<typeof Attestation>;
