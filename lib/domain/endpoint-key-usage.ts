import { z } from "zod";
import { JstDate } from "./billing/jst";

// Usage per endpoint key: requests and tokens per JST day (chargeback to the application that
// owns the key), and the optional monthly token budget the gateway enforces.

export const KeyUsageTotals = z.object({
  requests: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
});
export type KeyUsageTotals = z.infer<typeof KeyUsageTotals>;

export const ZERO_USAGE: KeyUsageTotals = Object.freeze({ requests: 0, inputTokens: 0, outputTokens: 0 });

export const KeyUsageDay = KeyUsageTotals.extend({ day: JstDate.describe("JST calendar date") });
export type KeyUsageDay = z.infer<typeof KeyUsageDay>;

/** The longest range one usage request may ask for (a year of days). */
export const MAX_USAGE_DAYS = 366;

export const KeyUsageQuery = z
  .object({
    from: JstDate.optional().describe("first JST day (default: 29 days before `to`)"),
    to: JstDate.optional().describe("last JST day, inclusive (default: today in JST)"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "`from` must not be after `to`", path: ["from"] });
export type KeyUsageQuery = z.infer<typeof KeyUsageQuery>;

export const KeyUsage = z.object({
  keyId: z.string(),
  endpointId: z.string(),
  from: JstDate,
  to: JstDate,
  days: z.array(KeyUsageDay).describe("every day of the range, oldest first; days without traffic are zeros"),
  total: KeyUsageTotals,
  monthToDate: KeyUsageTotals.describe("the current JST month so far"),
  monthlyTokenBudget: z.number().int().nullable(),
  budgetResetsAt: z.string().describe("when the current JST month ends and a spent budget opens again (RFC 3339 UTC)"),
});
export type KeyUsage = z.infer<typeof KeyUsage>;

/** The largest budget we accept: far above any month of real traffic, well inside a bigint. */
export const MAX_MONTHLY_TOKEN_BUDGET = 1_000_000_000_000;

export const UpdateEndpointKeyInput = z.object({
  monthlyTokenBudget: z
    .number()
    .int()
    .min(1)
    .max(MAX_MONTHLY_TOKEN_BUDGET)
    .nullable()
    .describe("input + output tokens per JST month; null removes the limit"),
});
export type UpdateEndpointKeyInput = z.infer<typeof UpdateEndpointKeyInput>;
