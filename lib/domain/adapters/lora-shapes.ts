import { LORA_MODULES, moduleFeatures, type LoraModule, type ModelArchitecture } from "../catalog/model-architectures";
import type { SafetensorsTensor } from "./safetensors";

// Whether an adapter's tensors fit its base model: the PEFT layout
// `…layers.<i>.(self_attn|mlp).<module>.lora_(A|B)[.<adapter name>].weight`, A = [rank, in] and
// B = [out, rank] with the module's own features, a layer the model has, and A and B in pairs.
// The first mismatch is reported with what was expected, so the trainer's mistake is visible.

const LORA_TENSOR = /(?:^|\.)layers\.(\d+)\.(self_attn|mlp)\.([a-z_]+)\.lora_([AB])(?:\.[A-Za-z0-9_-]+)?\.weight$/;
const MLP_MODULES: readonly LoraModule[] = ["gate_proj", "up_proj", "down_proj"];

export type LoraMismatchReason = "not_a_lora_tensor" | "module_not_supported" | "layer_out_of_range" | "shape_mismatch" | "unpaired";

export interface LoraMismatch {
  reason: LoraMismatchReason;
  tensor: string;
  expected?: number[] | string;
  actual?: number[] | string;
}

export type LoraCheck = { ok: true; targetModules: LoraModule[]; layers: number } | { ok: false; mismatch: LoraMismatch };

export function checkLoraTensors(tensors: readonly SafetensorsTensor[], arch: ModelArchitecture, rank: number): LoraCheck {
  const halves = new Map<string, Set<"A" | "B">>();
  const modules = new Set<LoraModule>();
  const layers = new Set<number>();
  for (const t of tensors) {
    const m = LORA_TENSOR.exec(t.name);
    if (!m) return { ok: false, mismatch: { reason: "not_a_lora_tensor", tensor: t.name } };
    const [, layerText, block, moduleName, half] = m;
    const layer = Number(layerText);
    const module = moduleName as LoraModule;
    if (!LORA_MODULES.includes(module) || (block === "mlp") !== MLP_MODULES.includes(module) || !arch.loraModules.includes(module)) {
      return { ok: false, mismatch: { reason: "module_not_supported", tensor: t.name, actual: moduleName, expected: arch.loraModules.join(", ") } };
    }
    if (layer >= arch.layerCount) return { ok: false, mismatch: { reason: "layer_out_of_range", tensor: t.name, actual: String(layer), expected: `0–${arch.layerCount - 1}` } };
    const [inFeatures, outFeatures] = moduleFeatures(arch, module);
    const expected = half === "A" ? [rank, inFeatures] : [outFeatures, rank];
    if (t.shape.length !== 2 || t.shape[0] !== expected[0] || t.shape[1] !== expected[1]) {
      return { ok: false, mismatch: { reason: "shape_mismatch", tensor: t.name, expected, actual: t.shape } };
    }
    const key = `${layer}.${module}`;
    const seen = halves.get(key) ?? new Set();
    seen.add(half as "A" | "B");
    halves.set(key, seen);
    modules.add(module);
    layers.add(layer);
  }
  for (const [key, seen] of halves) {
    if (seen.size !== 2) return { ok: false, mismatch: { reason: "unpaired", tensor: key, expected: "lora_A + lora_B", actual: `lora_${[...seen][0]}` } };
  }
  return { ok: true, targetModules: LORA_MODULES.filter((m) => modules.has(m)), layers: layers.size };
}

/** The tensors of a well-formed adapter for `arch` (tests, fixtures, the demo). */
export function loraTensorShapes(arch: ModelArchitecture, rank: number, modules: readonly LoraModule[] = ["q_proj", "v_proj"], layerCount = arch.layerCount): { name: string; shape: number[] }[] {
  const out: { name: string; shape: number[] }[] = [];
  for (let layer = 0; layer < layerCount; layer++) {
    for (const module of modules) {
      const [inFeatures, outFeatures] = moduleFeatures(arch, module);
      const block = MLP_MODULES.includes(module) ? "mlp" : "self_attn";
      const base = `base_model.model.model.layers.${layer}.${block}.${module}`;
      out.push({ name: `${base}.lora_A.weight`, shape: [rank, inFeatures] }, { name: `${base}.lora_B.weight`, shape: [outFeatures, rank] });
    }
  }
  return out;
}
