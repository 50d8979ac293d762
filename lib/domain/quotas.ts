import { z } from "zod";
import { Timestamp } from "./common";

export { DEFAULT_GPU_QUOTA } from "./quota-defaults";

export const GpuModelSchema = z.enum(["L40S", "H100", "H200", "B200", "GB200"]);

export const QuotaLine = z.object({
  regionId: z.string(),
  gpuModel: GpuModelSchema,
  limit: z.number().int(),
  inUse: z.number().int(),
  available: z.number().int(),
});
export type QuotaLine = z.infer<typeof QuotaLine>;

export const CreateQuotaRequestInput = z.object({
  regionId: z.string().min(1).max(40),
  gpuModel: GpuModelSchema,
  requestedGpus: z.number().int().min(1).max(10_000),
  reason: z.string().trim().min(1).max(2000),
});
export type CreateQuotaRequestInput = z.infer<typeof CreateQuotaRequestInput>;

export const QuotaRequest = z.object({
  id: z.string(),
  regionId: z.string(),
  gpuModel: GpuModelSchema,
  currentGpus: z.number().int(),
  requestedGpus: z.number().int(),
  approvedGpus: z.number().int().nullable(),
  reason: z.string(),
  status: z.enum(["pending", "approved", "rejected"]),
  decisionReason: z.string().nullable(),
  requestedBy: z.string(),
  decidedBy: z.string().nullable(),
  history: z.array(z.object({ at: Timestamp, by: z.string(), status: z.string(), note: z.string().optional() })),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
});
export type QuotaRequest = z.infer<typeof QuotaRequest>;

export const ResidencyPolicy = z.object({
  allowedRegions: z.array(z.string()).min(1),
  updatedAt: Timestamp.nullable(),
});
export type ResidencyPolicy = z.infer<typeof ResidencyPolicy>;
export const UpdateResidencyPolicyInput = z.object({ allowedRegions: z.array(z.string().min(1).max(40)).min(1).max(20) });
