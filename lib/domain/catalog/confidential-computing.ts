import type { GpuModel } from "./shapes";

// Which GPU models can run in confidential-computing (CC) mode, the hardware half of a residency
// statement's 適合 verdict. An L40S has no CC mode: a workload on it can be proven to run in
// Japan but its statement can never be 適合. Pages show this before a choice is made (a badge
// per shape, a note in the wizards), not only afterwards on the certificate.
const CONFIDENTIAL_COMPUTING: Record<GpuModel, boolean> = {
  L40S: false,
  H100: true,
  H200: true,
  B200: true,
  GB200: true,
};

/** The models on which a statement can be 適合, for the remedies that name them. */
export const CONFIDENTIAL_COMPUTING_MODELS: readonly GpuModel[] = (Object.keys(CONFIDENTIAL_COMPUTING) as GpuModel[]).filter((m) => CONFIDENTIAL_COMPUTING[m]);

export function supportsConfidentialComputing(gpuModel: GpuModel | null | undefined): boolean {
  return gpuModel ? CONFIDENTIAL_COMPUTING[gpuModel] : false;
}

// Longest names first: "GB200" must not be read as "B200".
const BY_LENGTH = (Object.keys(CONFIDENTIAL_COMPUTING) as GpuModel[]).sort((a, b) => b.length - a.length);

/** The catalog's model in a device's own name, as hardware evidence reports it ("NVIDIA H100 80GB HBM3" → H100). */
export function gpuModelFromDeviceName(name: string): GpuModel | null {
  const words = name.toUpperCase().split(/[\s-]+/);
  return BY_LENGTH.find((m) => words.includes(m.toUpperCase())) ?? null;
}
