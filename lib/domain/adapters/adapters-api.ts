import { z } from "zod";
import { ListQuery, Timestamp } from "../common";
import { MODELS } from "../catalog/models";
import { LORA_MODULES } from "../catalog/model-architectures";

// LoRA adapters of an org (issue 22 §1): registered with a name, a catalog base model and a rank,
// then given their weights as one safetensors upload, checked against the base model's shapes.

/** Default upper bound of one adapter's weights; HINOKI_ADAPTER_MAX_BYTES overrides it. */
export const ADAPTER_MAX_BYTES = 1024 * 1024 * 1024;
export const ADAPTER_MAX_RANK = 256;

/** Clients call `model: "<base>:<adapter>"`, so a name is lower-case, a colon never. */
export const AdapterName = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "1–40 lower-case letters, digits and hyphens, starting and ending with a letter or digit");

export const AdapterStatus = z.enum(["awaiting_weights", "ready"]);
export type AdapterStatus = z.infer<typeof AdapterStatus>;

export const CreateAdapterInput = z.object({
  name: AdapterName,
  baseModelId: z.enum(MODELS.map((m) => m.id) as [string, ...string[]]),
  rank: z.number().int().min(1).max(ADAPTER_MAX_RANK),
  description: z.string().max(500).optional(),
});
export type CreateAdapterInput = z.infer<typeof CreateAdapterInput>;

export const AdapterWeights = z.object({
  bytes: z.number().int(),
  sha256: z.string().describe("SHA-256 of the uploaded file, hex"),
  tensorCount: z.number().int(),
  layerCount: z.number().int().describe("Layers of the base model the adapter changes"),
  targetModules: z.array(z.enum(LORA_MODULES)),
  uploadedAt: Timestamp,
});

export const Adapter = z.object({
  id: z.string(),
  name: z.string(),
  baseModelId: z.string(),
  rank: z.number().int(),
  description: z.string().nullable(),
  status: AdapterStatus,
  weights: AdapterWeights.nullable(),
  /** Endpoints serving it now: while any does, it cannot be deleted. */
  attachedEndpointIds: z.array(z.string()),
  createdAt: Timestamp,
});
export type Adapter = z.infer<typeof Adapter>;

export const AdapterListQuery = ListQuery.extend({ baseModelId: z.string().max(100).optional() });
export type AdapterListQuery = z.infer<typeof AdapterListQuery>;

export const AdapterPage = z.object({ items: z.array(Adapter), nextCursor: z.string().nullable() });
