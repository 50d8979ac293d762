import { z } from "zod";

// Usage of an endpoint per adapter (issue 22 §1): requests and tokens of the base model and of
// each LoRA adapter over the last days (JST), from the gateway's metering.

export const ADAPTER_USAGE_MAX_DAYS = 90;

export const AdapterUsageQuery = z.object({ days: z.coerce.number().int().min(1).max(ADAPTER_USAGE_MAX_DAYS).default(30) });
export type AdapterUsageQuery = z.infer<typeof AdapterUsageQuery>;

export const AdapterUsageRow = z.object({
  /** null: the base model (no adapter). */
  adapter: z.string().nullable(),
  /** What clients sent as `model`. */
  model: z.string(),
  requests: z.number().int(),
  errors: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
});
export type AdapterUsageRow = z.infer<typeof AdapterUsageRow>;

export const EndpointAdapterUsage = z.object({
  /** First and last JST day counted (YYYY-MM-DD). */
  from: z.string(),
  to: z.string(),
  items: z.array(AdapterUsageRow),
});
export type EndpointAdapterUsage = z.infer<typeof EndpointAdapterUsage>;
