import { z } from "zod";
import type { GpuModel } from "../catalog";
import { JstDate } from "./jst";
import { percentToBps } from "./units";

// Contract terms an account manager sets for a customer org. A contract takes effect from a JST
// date and stays until a later one takes over; the history is kept, so every day of usage is
// priced by the terms that were in force that day.

export const GPU_MODELS = ["L40S", "H100", "H200", "B200", "GB200"] as const satisfies readonly GpuModel[];

const Percent = z
  .number()
  .min(0)
  .max(100)
  .refine((p) => {
    try {
      percentToBps(p);
      return true;
    } catch {
      return false;
    }
  }, "at most two decimals");

export const Contract = z.object({
  /** Discount on everything, in percent. */
  discountPercent: Percent.default(0),
  /** Discount per GPU model; replaces (does not add to) the overall discount for that model's shapes. */
  discountByGpuModel: z.partialRecord(z.enum(GPU_MODELS), Percent).default({}),
  /** Committed monthly spend (excl. tax); a shortfall is billed as its own line. */
  committedMonthlyJpy: z.number().int().nonnegative().default(0),
  /** Credit limit (excl. tax); null = none. Enforced by the services layer, carried here. */
  creditLimitJpy: z.number().int().nonnegative().nullable().default(null),
  /** Days after month end the invoice is due; absent = end of the next month (月末締め翌月末払い). */
  paymentTermsDays: z.number().int().min(1).max(365).optional(),
  /**
   * Reservations whose total commitment (excl. tax) exceeds this many yen wait for the account
   * manager's approval before they are ordered (after any 稟議 stages of the customer's own);
   * exactly this amount is not held. null = never.
   */
  reservationApprovalAboveJpy: z.number().int().nonnegative().nullable().default(null),
  effectiveFrom: JstDate,
});
export type Contract = z.infer<typeof Contract>;
export type ContractInput = z.input<typeof Contract>;

/** The contract in force on a JST day: the latest effectiveFrom on or before it (later entries win ties). */
export function contractOn(contracts: readonly Contract[], day: string): Contract | undefined {
  let found: Contract | undefined;
  for (const c of contracts) {
    if (c.effectiveFrom <= day && (!found || c.effectiveFrom >= found.effectiveFrom)) found = c;
  }
  return found;
}

/** Discount in basis points for usage of a SKU of this GPU model (null for non-GPU SKUs). */
export function discountBps(contract: Contract | undefined, gpuModel: GpuModel | null): number {
  if (!contract) return 0;
  const byModel = gpuModel ? contract.discountByGpuModel[gpuModel] : undefined;
  return percentToBps(byModel ?? contract.discountPercent);
}

export interface ContractSegment {
  /** First JST day (inclusive). */
  from: string;
  /** JST day the segment ends (exclusive). */
  to: string;
  contract: Contract | undefined;
}

/** Splits [from, to) into runs of days with one contract each. */
export function contractSegments(contracts: readonly Contract[], from: string, to: string): ContractSegment[] {
  if (from >= to) return [];
  const starts = [...new Set(contracts.map((c) => c.effectiveFrom).filter((d) => d > from && d < to))].sort();
  const bounds = [from, ...starts, to];
  const segments: ContractSegment[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    segments.push({ from: bounds[i], to: bounds[i + 1], contract: contractOn(contracts, bounds[i]) });
  }
  return segments;
}


/** The yen above which a reservation's total commitment needs the account manager's approval, or null (never). */
export function accountManagerApprovalAbove(contract: Contract | undefined, totalCommitmentJpy: number): number | null {
  const threshold = contract?.reservationApprovalAboveJpy ?? null;
  return threshold !== null && totalCommitmentJpy > threshold ? threshold : null;
}
