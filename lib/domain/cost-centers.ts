import { z } from "zod";

// Cost centers (部門・プロジェクト) and purchase order numbers (発注番号) as the API speaks them.
// A code is what accounting systems key on (e.g. "CC-1001", "7200"); names exist in both languages.

export const CostCenterCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "letters, digits and . _ / - only");

/** A 発注番号 as the customer's purchasing system writes it; printable, no control characters. */
export const PoNumber = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, "no control characters");

export const CreateCostCenterInput = z.object({
  code: CostCenterCode,
  nameJa: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  ownerUserId: z.string().max(64).nullable().optional(),
});
export type CreateCostCenterInput = z.input<typeof CreateCostCenterInput>;

export const UpdateCostCenterInput = z
  .object({
    nameJa: z.string().trim().min(1).max(100).optional(),
    nameEn: z.string().trim().min(1).max(100).optional(),
    ownerUserId: z.string().max(64).nullable().optional(),
    /** true archives (no new orders may name it), false restores; never a delete. */
    archived: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "nothing to change");
export type UpdateCostCenterInput = z.input<typeof UpdateCostCenterInput>;

export const CostCenter = z.object({
  id: z.string(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().nullable(),
  archived: z.boolean(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CostCenter = z.infer<typeof CostCenter>;

export const CostCenterPolicy = z.object({ required: z.boolean() });
export type CostCenterPolicy = z.infer<typeof CostCenterPolicy>;

/** What an order (cluster, endpoint, reservation) carries: both optional unless the policy says so. */
export const OrderCostAllocation = z.object({
  costCenterId: z.string().max(64).nullable().optional(),
  poNumber: PoNumber.nullable().optional(),
});
export type OrderCostAllocation = z.infer<typeof OrderCostAllocation>;

export const COST_ALLOCATED_KINDS = ["cluster", "endpoint", "reservation"] as const;
export type CostAllocatedKind = (typeof COST_ALLOCATED_KINDS)[number];

export const SetCostAllocationInput = z.object({
  costCenterId: z.string().max(64).nullable(),
  poNumber: PoNumber.nullable().optional(),
});
export type SetCostAllocationInput = z.input<typeof SetCostAllocationInput>;

export const CostAllocation = z.object({
  id: z.string(),
  resourceKind: z.enum(COST_ALLOCATED_KINDS),
  resourceId: z.string(),
  costCenterId: z.string().nullable(),
  costCenterCode: z.string().nullable(),
  costCenterNameJa: z.string().nullable(),
  costCenterNameEn: z.string().nullable(),
  poNumber: z.string().nullable(),
  /** JST day from which it applies. */
  effectiveFrom: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type CostAllocation = z.infer<typeof CostAllocation>;

export const CostAllocationHistory = z.object({
  current: CostAllocation.nullable(),
  history: z.array(CostAllocation),
});
export type CostAllocationHistory = z.infer<typeof CostAllocationHistory>;

export const CostCenterListQuery = z.object({ includeArchived: z.enum(["true", "false"]).optional() });
