// The transformer dimensions of each catalog model (from its published config.json), which a LoRA
// adapter's tensors must match: a LoRA of module m adds B·A to m's weight, so A is [rank, in] and
// B is [out, rank] with m's own in/out features, in one of the model's layers.

export interface ModelArchitecture {
  hiddenSize: number;
  layerCount: number;
  intermediateSize: number;
  attentionHeads: number;
  keyValueHeads: number;
  headDim: number;
  /** Modules an adapter may target. Mixture-of-experts models take adapters on attention only. */
  loraModules: readonly LoraModule[];
}

export const LORA_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"] as const;
export type LoraModule = (typeof LORA_MODULES)[number];
const ATTENTION_ONLY: readonly LoraModule[] = ["q_proj", "k_proj", "v_proj", "o_proj"];

export const MODEL_ARCHITECTURES: Readonly<Record<string, ModelArchitecture>> = {
  "sarashina2.2-3b-instruct": { hiddenSize: 2560, layerCount: 32, intermediateSize: 8960, attentionHeads: 20, keyValueHeads: 4, headDim: 128, loraModules: LORA_MODULES },
  "llm-jp-3-13b-instruct": { hiddenSize: 5120, layerCount: 40, intermediateSize: 13824, attentionHeads: 40, keyValueHeads: 40, headDim: 128, loraModules: LORA_MODULES },
  "llama-3.1-swallow-8b-instruct": { hiddenSize: 4096, layerCount: 32, intermediateSize: 14336, attentionHeads: 32, keyValueHeads: 8, headDim: 128, loraModules: LORA_MODULES },
  "llama-3.3-swallow-70b-instruct": { hiddenSize: 8192, layerCount: 80, intermediateSize: 28672, attentionHeads: 64, keyValueHeads: 8, headDim: 128, loraModules: LORA_MODULES },
  "qwen3-32b": { hiddenSize: 5120, layerCount: 64, intermediateSize: 25600, attentionHeads: 64, keyValueHeads: 8, headDim: 128, loraModules: LORA_MODULES },
  "gpt-oss-120b": { hiddenSize: 2880, layerCount: 36, intermediateSize: 2880, attentionHeads: 64, keyValueHeads: 8, headDim: 64, loraModules: ATTENTION_ONLY },
};

export function modelArchitecture(modelId: string): ModelArchitecture | undefined {
  return MODEL_ARCHITECTURES[modelId];
}

/** [in features, out features] of a module's weight in this architecture. */
export function moduleFeatures(arch: ModelArchitecture, module: LoraModule): [number, number] {
  const q = arch.attentionHeads * arch.headDim;
  const kv = arch.keyValueHeads * arch.headDim;
  switch (module) {
    case "q_proj":
      return [arch.hiddenSize, q];
    case "k_proj":
    case "v_proj":
      return [arch.hiddenSize, kv];
    case "o_proj":
      return [q, arch.hiddenSize];
    case "gate_proj":
    case "up_proj":
      return [arch.hiddenSize, arch.intermediateSize];
    case "down_proj":
      return [arch.intermediateSize, arch.hiddenSize];
  }
}
