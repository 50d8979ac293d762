import { z } from "zod";
import { findRegion } from "./catalog/regions";

// An org's residency policy (domain.md): the regions its workloads may run in. Default: all of
// Japan. Launches outside it are refused; a change that would strand running work is refused.

export const ResidencyPolicy = z.object({
  allowedRegions: z.array(z.string()).describe("region ids, e.g. jp-tokyo-1"),
  /** True while the org has never set a policy (everything this operator runs is allowed). */
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type ResidencyPolicy = z.infer<typeof ResidencyPolicy>;

export const UpdateResidencyPolicyInput = z.object({
  allowedRegions: z
    .array(z.string().refine((id) => findRegion(id) !== undefined, "unknown region"))
    .min(1, "at least one region")
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, "duplicate region"),
});
export type UpdateResidencyPolicyInput = z.infer<typeof UpdateResidencyPolicyInput>;

/** A live resource that a proposed policy would leave outside the allowed regions. */
export const ResourceOutsidePolicy = z.object({
  id: z.string(),
  kind: z.enum(["cluster", "endpoint"]),
  name: z.string(),
  regionId: z.string(),
  status: z.string(),
});
export type ResourceOutsidePolicy = z.infer<typeof ResourceOutsidePolicy>;

/** `details.reason` of the refusal, with `details.resources: ResourceOutsidePolicy[]`. */
export const POLICY_EXCLUDES_RUNNING = "policy_excludes_running_resources";
