import type { Appraisal, AppraisalReasonCode, AppraisalStatus } from "./attestation";
import { CONFIDENTIAL_COMPUTING_MODELS, gpuModelFromDeviceName, supportsConfidentialComputing } from "./catalog/confidential-computing";

// The two words a reader of residency needs, one vocabulary each, everywhere:
//   判定 (verdict): 適合 / 要確認 / 不適合 — and 対象外 for a resource with no GPU to appraise;
//   署名 (signature): 有効 / 無効 — whether the statement is authentic, a separate question.
// The signed appraisal keeps its RATS words (affirming, warning, contraindicated); this module
// reads it for people: the verdict and, for each finding, the remedy.

export type ResidencyVerdict = AppraisalStatus | "not_applicable";

/** A statement whose only finding is "no GPU" is outside the confidential-computing check: 対象外, not a warning. */
export function residencyVerdict(appraisal: Pick<Appraisal, "status" | "reasons">): ResidencyVerdict {
  if (appraisal.status !== "affirming" && appraisal.reasons.length > 0 && appraisal.reasons.every((r) => r.code === "no_hardware")) return "not_applicable";
  return appraisal.status;
}

export type RemedyKey = "cc_unsupported" | "cc_off" | "nras" | "location" | "no_hardware";

export interface Remedy {
  key: RemedyKey;
  /** The GPU model a CC remedy is about. */
  model?: string;
  /** The GPU models on which the verdict would be 適合 (for cc_unsupported). */
  supported?: string[];
}

/** What to do about each finding, once per kind; `devices` are the GPU names the statement saw ("NVIDIA L40S"). */
export function residencyRemedies(reasons: ReadonlyArray<{ code: AppraisalReasonCode }>, devices: readonly string[]): Remedy[] {
  const gpuModels = devices.map((d) => gpuModelFromDeviceName(d) ?? d);
  const out: Remedy[] = [];
  const add = (remedy: Remedy) => {
    if (!out.some((r) => r.key === remedy.key && r.model === remedy.model)) out.push(remedy);
  };
  for (const { code } of reasons) {
    if (code === "cc_off" || code === "cc_devtools" || code === "nras_not_run") {
      const unsupported = gpuModels.filter((m) => !supportsConfidentialComputing(gpuModelFromDeviceName(m)));
      if (unsupported.length > 0) {
        for (const model of new Set(unsupported)) add({ key: "cc_unsupported", model, supported: [...CONFIDENTIAL_COMPUTING_MODELS] });
        continue;
      }
      add({ key: code === "nras_not_run" ? "nras" : "cc_off" });
    } else if (code === "nras_failed") add({ key: "nras" });
    else if (code === "no_hardware") add({ key: "no_hardware" });
    else add({ key: "location" });
  }
  return out;
}
