import type { Appraisal, AttestationClaims } from "@/lib/domain/attestation";
import { ATTESTATION_EAT_PROFILE, resourceUrn } from "@/lib/domain/attestation";
import { findZone, OPERATOR } from "@/lib/domain/catalog";
import { AppError } from "@/lib/domain/errors";
import type { HardwareEvidence } from "@/lib/domain/evidence";

// Evidence + appraisal → the EAT claims set. Pure: the same inputs always give the same claims,
// so what is signed can be reasoned about (and tested) without keys.

export interface BuildClaimsInput {
  evidence: HardwareEvidence;
  orgId: string;
  /** The attestation id (at_…), used as jti. */
  id: string;
  issuer: string;
  issuedAt: Date;
  ttlSeconds: number;
  nonce?: string;
  appraisal: Appraisal;
}

export function buildClaims(input: BuildClaimsInput): AttestationClaims {
  const { evidence, orgId } = input;
  const zone = findZone(evidence.zoneId);
  // The statement names a facility; one we do not know cannot be named, so nothing is signed.
  if (!zone || zone.regionId !== evidence.regionId) {
    throw new AppError("business_rule", `cannot attest: zone ${evidence.zoneId} is not a known zone of region ${evidence.regionId}`);
  }
  const iat = Math.floor(input.issuedAt.getTime() / 1000);
  const claims: AttestationClaims = {
    iss: input.issuer,
    sub: resourceUrn(orgId, evidence.resourceKind, evidence.resourceId),
    aud: orgId,
    iat,
    nbf: iat,
    exp: iat + input.ttlSeconds,
    jti: input.id,
    eat_profile: ATTESTATION_EAT_PROFILE,
    residency: {
      country: zone.facility.iso3166_2.slice(0, 2),
      region: evidence.regionId,
      zone: evidence.zoneId,
      facility: { id: zone.facility.id, prefecture: zone.facility.prefectureJa, iso3166_2: zone.facility.iso3166_2 },
      data_planes: {
        etcd: [...evidence.dataPlanes.etcd],
        volumes: [...evidence.dataPlanes.volumes],
        backups: [...evidence.dataPlanes.backups],
        logs: [...evidence.dataPlanes.logs],
      },
    },
    operator: {
      legal_name: OPERATOR.legalNameJa,
      corporate_number: OPERATOR.corporateNumber,
      invoice_reg_no: OPERATOR.invoiceRegistrationNumber,
      ops_personnel_country: OPERATOR.opsPersonnelCountry,
    },
    hardware: {
      nodes: evidence.nodes.map((n) => ({
        node_id: n.nodeId,
        zone: n.zoneId,
        facility_id: n.facilityId,
        gpus: n.gpus.map((g) => ({
          model: g.model,
          ueid: g.ueid,
          board_serial: g.boardSerial,
          vbios: g.vbios,
          driver: g.driver,
          cc_mode: g.ccMode,
          nras_result: g.nrasResult,
        })),
      })),
    },
    measurements: evidence.measurements.map((m) => ({ component: m.component, version: m.version, digest: m.digestSha256 })),
    appraisal: input.appraisal,
  };
  if (input.nonce !== undefined) claims.eat_nonce = input.nonce;
  return claims;
}
