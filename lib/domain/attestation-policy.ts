import type { HardwareEvidence } from "./evidence";
import type { Appraisal, AppraisalReason, AppraisalReasonCode, AppraisalStatus } from "./attestation";
import { findZone, ZONES, type Facility } from "./catalog/regions";

// The residency appraisal policy: how the console, as verifier (RFC 9334), judges the evidence
// before it signs. Pure, so the same rules can be shown and tested without keys or a database.
//
// - contraindicated: something is, or may be, outside Japan (a facility or data plane not in
//   Japan or not known to us), or a GPU failed NVIDIA remote attestation. The claim is false.
// - warning: nothing contradicts residency, but the hardware evidence is weaker than it should be
//   (NRAS not run, confidential computing off or in devtools mode, no GPUs attested at all).
// - affirming: every GPU passed NRAS with CC on, and every facility and data plane is in Japan.

export const RESIDENCY_POLICY_ID = "hinoki-residency-v1";

/** Where a facility is, as far as the policy needs to know. */
export interface FacilityLocation {
  iso3166_2: string;
}

export type FacilityLookup = (facilityId: string) => FacilityLocation | undefined;

const CATALOG_FACILITIES = new Map(ZONES.map((z) => [z.facility.id, z.facility]));

/** A facility of the operator's catalog by id. */
export function findCatalogFacility(id: string): Facility | undefined {
  return CATALOG_FACILITIES.get(id);
}

/** The policy's default lookup. An id not in the catalog is unknown, never assumed Japanese. */
export const catalogFacility: FacilityLookup = findCatalogFacility;

const SEVERITY: Record<AppraisalReasonCode, AppraisalStatus> = {
  no_hardware: "warning",
  nras_not_run: "warning",
  cc_off: "warning",
  cc_devtools: "warning",
  nras_failed: "contraindicated",
  facility_outside_japan: "contraindicated",
  facility_unknown: "contraindicated",
  data_plane_outside_japan: "contraindicated",
  data_plane_unknown: "contraindicated",
};

const RANK: Record<AppraisalStatus, number> = { affirming: 0, warning: 1, contraindicated: 2 };

export function isInJapan(location: FacilityLocation): boolean {
  return /^JP-\d{2}$/.test(location.iso3166_2);
}

function placeReason(
  facilityId: string,
  lookup: FacilityLookup,
  codes: { unknown: AppraisalReasonCode; outside: AppraisalReasonCode },
  subject: string,
): AppraisalReason | undefined {
  const location = lookup(facilityId);
  if (!location) return { code: codes.unknown, subject };
  if (!isInJapan(location)) return { code: codes.outside, subject };
  return undefined;
}

export function appraiseEvidence(evidence: HardwareEvidence, lookup: FacilityLookup = catalogFacility): Appraisal {
  const reasons: AppraisalReason[] = [];
  const push = (reason: AppraisalReason | undefined) => {
    if (reason) reasons.push(reason);
  };
  const facilityCodes = { unknown: "facility_unknown", outside: "facility_outside_japan" } as const;
  const dataPlaneCodes = { unknown: "data_plane_unknown", outside: "data_plane_outside_japan" } as const;

  // The resource's own zone must map to a known facility too: it is what the statement names.
  const zone = findZone(evidence.zoneId);
  if (!zone) reasons.push({ code: "facility_unknown", subject: `zone:${evidence.zoneId}` });
  else push(placeReason(zone.facility.id, lookup, facilityCodes, zone.facility.id));

  let gpuCount = 0;
  for (const node of evidence.nodes) {
    push(placeReason(node.facilityId, lookup, facilityCodes, `${node.nodeId}@${node.facilityId}`));
    for (const gpu of node.gpus) {
      gpuCount++;
      const subject = `${node.nodeId}/${gpu.ueid}`;
      if (gpu.nrasResult === "fail") reasons.push({ code: "nras_failed", subject });
      if (gpu.nrasResult === "not_run") reasons.push({ code: "nras_not_run", subject });
      if (gpu.ccMode === "off") reasons.push({ code: "cc_off", subject });
      if (gpu.ccMode === "devtools") reasons.push({ code: "cc_devtools", subject });
    }
  }
  // A statement with no attested GPU says nothing about hardware; do not let it look affirming.
  if (gpuCount === 0) reasons.push({ code: "no_hardware", subject: evidence.resourceId });

  for (const plane of ["etcd", "volumes", "backups", "logs"] as const) {
    for (const facilityId of evidence.dataPlanes[plane]) {
      push(placeReason(facilityId, lookup, dataPlaneCodes, `${plane}@${facilityId}`));
    }
  }

  const status = reasons.reduce<AppraisalStatus>(
    (worst, r) => (RANK[SEVERITY[r.code]] > RANK[worst] ? SEVERITY[r.code] : worst),
    "affirming",
  );
  return { status, policy_id: RESIDENCY_POLICY_ID, reasons };
}
