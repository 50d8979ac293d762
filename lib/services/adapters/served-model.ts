import { splitAdapterModel } from "@/lib/domain/adapters/adapter-capacity";
import { AppError } from "@/lib/domain/errors";

// What a request's `model` asks of an endpoint: its base model (by model id or the endpoint's
// name, or no model at all), or `<base>:<adapter>` for an adapter it serves. Decided from the
// gateway's cached endpoint (its attached adapters' names come with it), never a query per request.

export interface ServingEndpoint {
  name: string;
  modelId: string;
  /** Names of the adapters its replicas have loaded. */
  adapters: readonly string[];
}

/** The adapter's name, null for the base model; an unknown model or adapter is a 404 on `model`. */
export function servedAdapter(endpoint: ServingEndpoint, model: string | undefined): string | null {
  if (!model || model === endpoint.modelId || model === endpoint.name) return null;
  const { baseModelId, adapterName } = splitAdapterModel(model);
  if (adapterName !== null && (baseModelId === endpoint.modelId || baseModelId === endpoint.name)) {
    if (endpoint.adapters.includes(adapterName)) return adapterName;
    throw new AppError("not_found", `The adapter \`${adapterName}\` is not attached to this endpoint; it serves ${[endpoint.modelId, ...endpoint.adapters.map((a) => `${endpoint.modelId}:${a}`)].map((m) => `\`${m}\``).join(", ")}.`, { param: "model" });
  }
  throw new AppError("not_found", `The model \`${model}\` does not exist on this endpoint; it serves \`${endpoint.modelId}\`.`, { param: "model" });
}

/** The `model` the control plane is sent for the adapter `servedAdapter` chose: none for the base model (it serves one), `<base>:<adapter>` otherwise. */
export function upstreamModel(endpoint: Pick<ServingEndpoint, "modelId">, adapter: string | null): string | undefined {
  return adapter === null ? undefined : `${endpoint.modelId}:${adapter}`;
}
