// How many LoRA adapters one replica of a shape keeps loaded beside its base model (vLLM's
// --max-loras): the adapters' weights and their KV-cache share of GPU memory grow with it.
// An endpoint serves at most this many; both the console and the control plane enforce it.

const MAX_ADAPTERS_BY_SHAPE: Readonly<Record<string, number>> = {
  "l40s-1x": 4,
  "h100-1x": 8,
  "h100-8x": 16,
  "h200-8x": 24,
  "b200-8x": 32,
  "gb200-tray": 32,
};

export const DEFAULT_MAX_ADAPTERS = 4;

export function maxAdaptersOf(shapeId: string): number {
  return MAX_ADAPTERS_BY_SHAPE[shapeId] ?? DEFAULT_MAX_ADAPTERS;
}

/** `model: "<base>:<adapter>"` as clients send it; a model id never contains a colon, an adapter name neither. */
export function splitAdapterModel(model: string): { baseModelId: string; adapterName: string | null } {
  const at = model.indexOf(":");
  return at < 0 ? { baseModelId: model, adapterName: null } : { baseModelId: model.slice(0, at), adapterName: model.slice(at + 1) };
}
