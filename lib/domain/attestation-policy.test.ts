import { describe, expect, it } from "vitest";
import { appraiseEvidence, RESIDENCY_POLICY_ID, type FacilityLookup } from "./attestation-policy";
import { sampleEvidence, sampleGpu, sampleNode } from "./attestation-fixtures";
import { catalogFacility } from "./attestation-policy";

const withForeignFacility: FacilityLookup = (id) =>
  id === "us-va-1" ? { iso3166_2: "US-VA" } : catalogFacility(id);

describe("residency appraisal policy", () => {
  it("affirms when every GPU passed NRAS with CC on and everything is in Japan", () => {
    const a = appraiseEvidence(sampleEvidence());
    expect(a).toEqual({ status: "affirming", policy_id: RESIDENCY_POLICY_ID, reasons: [] });
  });

  it("warns when NRAS was not run on a GPU", () => {
    const node = sampleNode(1);
    node.gpus[3] = sampleGpu(1, 3, { nrasResult: "not_run" });
    const a = appraiseEvidence(sampleEvidence({ nodes: [node] }));
    expect(a.status).toBe("warning");
    expect(a.reasons).toEqual([{ code: "nras_not_run", subject: `${node.nodeId}/${node.gpus[3].ueid}` }]);
  });

  it("warns when confidential computing is off or in devtools mode", () => {
    const node = sampleNode(1);
    node.gpus[0] = sampleGpu(1, 0, { ccMode: "off" });
    node.gpus[1] = sampleGpu(1, 1, { ccMode: "devtools" });
    const a = appraiseEvidence(sampleEvidence({ nodes: [node] }));
    expect(a.status).toBe("warning");
    expect(a.reasons.map((r) => r.code)).toEqual(["cc_off", "cc_devtools"]);
  });

  it("warns when there is no GPU to attest at all", () => {
    expect(appraiseEvidence(sampleEvidence({ nodes: [] })).reasons).toEqual([
      { code: "no_hardware", subject: sampleEvidence().resourceId },
    ]);
    const cpuOnly = sampleNode(1, { shapeId: "cpu-16", gpus: [] });
    expect(appraiseEvidence(sampleEvidence({ nodes: [cpuOnly] })).status).toBe("warning");
  });

  it("contraindicates when a GPU failed NRAS, even if everything else is fine", () => {
    const node = sampleNode(2);
    node.gpus[7] = sampleGpu(2, 7, { nrasResult: "fail" });
    const a = appraiseEvidence(sampleEvidence({ nodes: [sampleNode(1), node] }));
    expect(a.status).toBe("contraindicated");
    expect(a.reasons[0].code).toBe("nras_failed");
  });

  it("contraindicates a node in a facility outside Japan", () => {
    const abroad = sampleNode(2, { facilityId: "us-va-1" });
    const a = appraiseEvidence(sampleEvidence({ nodes: [sampleNode(1), abroad] }), withForeignFacility);
    expect(a.status).toBe("contraindicated");
    expect(a.reasons).toEqual([{ code: "facility_outside_japan", subject: `${abroad.nodeId}@us-va-1` }]);
  });

  it("contraindicates a data plane outside Japan (backups abroad are still data abroad)", () => {
    const ev = sampleEvidence();
    ev.dataPlanes.backups = ["hnk-tyo-b1", "us-va-1"];
    const a = appraiseEvidence(ev, withForeignFacility);
    expect(a.status).toBe("contraindicated");
    expect(a.reasons).toEqual([{ code: "data_plane_outside_japan", subject: "backups@us-va-1" }]);
  });

  it("never assumes an unknown facility is in Japan", () => {
    const ev = sampleEvidence();
    ev.dataPlanes.logs = ["somewhere-else"];
    expect(appraiseEvidence(ev).reasons).toEqual([{ code: "data_plane_unknown", subject: "logs@somewhere-else" }]);
    const unknownZone = appraiseEvidence(sampleEvidence({ zoneId: "jp-nowhere-9z" }));
    expect(unknownZone.status).toBe("contraindicated");
    expect(unknownZone.reasons[0]).toEqual({ code: "facility_unknown", subject: "zone:jp-nowhere-9z" });
  });

  it("reports the worst finding as the status when warnings and contradictions mix", () => {
    const node = sampleNode(1);
    node.gpus[0] = sampleGpu(1, 0, { ccMode: "off" });
    node.gpus[1] = sampleGpu(1, 1, { nrasResult: "fail" });
    const a = appraiseEvidence(sampleEvidence({ nodes: [node] }));
    expect(a.status).toBe("contraindicated");
    expect(a.reasons.map((r) => r.code)).toEqual(["cc_off", "nras_failed"]);
  });
});
