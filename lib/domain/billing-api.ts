import { z } from "zod";
import { ListQuery, somethingToChange, Timestamp } from "./common";
import { BUDGET_SOFT_ACTIONS, BillingMonth, Invoice, InvoiceKind, InvoiceStatus, JstDate } from "./billing";
import { BUDGET_MINIMUM_JPY } from "./billing/budget-minimum";

// What the public API says about money: metered usage, costs, invoices and budgets. The billing
// engine's own types (lib/domain/billing) stay the source of truth; these are their wire shapes.
// Every amount is whole yen (JPY) excluding tax unless the field says otherwise; dates are JST.

const Yen = z.number().int();

// ---------------------------------------------------------------- usage and costs

export const DateRangeQuery = z.object({
  /** First JST day, inclusive (default: the first day of this JST month). */
  from: JstDate.optional(),
  /** JST day after the last, exclusive (default: tomorrow in JST). */
  to: JstDate.optional(),
});

export const COST_GROUP_BY = ["service", "shape", "region", "resource", "day", "month"] as const;
export const CostGroupByParam = z.enum(COST_GROUP_BY);
export type CostGroupByParam = z.infer<typeof CostGroupByParam>;

export const CostsQuery = DateRangeQuery.extend({
  groupBy: CostGroupByParam.default("service"),
  /** `focus-csv` streams the FinOps FOCUS export of the range instead of JSON. */
  format: z.enum(["json", "focus-csv"]).default("json"),
});
export type CostsQuery = z.infer<typeof CostsQuery>;

export const CostAmounts = z.object({
  costJpy: z.number().describe("rated (after contract discounts), excl. tax, in yen to 6 decimals (display)"),
  costExactRu: z.string().describe("the exact rated amount in rating units (1 yen = 36e12)"),
  listCostJpy: z.number(),
  hours: z.number(),
  gpuHours: z.number(),
  tokens: z.number().int(),
});
export type CostAmounts = z.infer<typeof CostAmounts>;

export const CostRow = CostAmounts.extend({ key: z.string() });
export type CostRow = z.infer<typeof CostRow>;

export const CostReport = z.object({
  from: JstDate,
  to: JstDate,
  groupBy: CostGroupByParam,
  currency: z.literal("JPY"),
  rows: z.array(CostRow),
  total: CostAmounts,
});
export type CostReport = z.infer<typeof CostReport>;

export const MonthToDateReport = z.object({
  month: BillingMonth,
  asOf: Timestamp,
  monthToDateJpy: Yen,
  forecastJpy: Yen.describe("linear run rate to the end of the JST month"),
  elapsedFraction: z.number().min(0).max(1),
  byService: z.array(z.object({ service: z.string(), monthToDateJpy: Yen })),
  committedMonthlyJpy: Yen,
  creditLimitJpy: Yen.nullable(),
  /** The org's budgets against this month's spend. */
  budgets: z.array(z.object({ id: z.string(), name: z.string(), monthlyAmountJpy: Yen, percentUsed: z.number() })),
});
export type MonthToDateReport = z.infer<typeof MonthToDateReport>;

export const UsageLine = z.object({
  resourceId: z.string(),
  resourceKind: z.enum(["cluster", "endpoint"]),
  service: z.string(),
  sku: z.string(),
  regionId: z.string(),
  hours: z.number(),
  gpuHours: z.number(),
  tokens: z.number().int(),
  listCostJpy: z.number(),
  costJpy: z.number(),
});
export type UsageLine = z.infer<typeof UsageLine>;

export const UsageReport = z.object({ from: JstDate, to: JstDate, items: z.array(UsageLine) });
export type UsageReport = z.infer<typeof UsageReport>;

// ---------------------------------------------------------------- invoices

export const InvoiceListQuery = ListQuery.extend({
  /** Issue date range (JST, inclusive). */
  issuedFrom: JstDate.optional(),
  issuedTo: JstDate.optional(),
  /** Total incl. tax, yen, inclusive. */
  minTotal: z.coerce.number().int().nonnegative().optional(),
  maxTotal: z.coerce.number().int().nonnegative().optional(),
  /** Part of the counterparty's name (取引先: the recipient's legal name, or the issuer's). */
  counterparty: z.string().trim().max(200).optional(),
  month: BillingMonth.optional(),
  status: InvoiceStatus.optional(),
});
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>;

export const InvoiceSummaryView = z.object({
  id: z.string(),
  kind: InvoiceKind,
  number: z.string(),
  month: BillingMonth,
  /** `overdue` when unpaid after the due date (JST). */
  status: InvoiceStatus,
  recipientName: z.string(),
  issuerName: z.string(),
  subtotalJpy: Yen,
  taxJpy: Yen,
  totalJpy: Yen,
  issueDate: JstDate,
  dueDate: JstDate,
  correctsInvoiceId: z.string().nullable(),
});
export type InvoiceSummaryView = z.infer<typeof InvoiceSummaryView>;

export const InvoiceDetail = z.object({ status: InvoiceStatus, invoice: Invoice, correctedBy: z.string().nullable() });
export type InvoiceDetail = z.infer<typeof InvoiceDetail>;

export const CloseMonthInput = z.object({ month: BillingMonth });
export type CloseMonthInput = z.infer<typeof CloseMonthInput>;

export const CloseMonthReport = z.object({
  month: BillingMonth,
  results: z.array(z.object({ orgId: z.string(), issued: z.boolean(), invoiceNumber: z.string().optional(), totalJpy: Yen.optional(), error: z.string().optional() })),
});
export type CloseMonthReport = z.infer<typeof CloseMonthReport>;

// ---------------------------------------------------------------- budgets

const Thresholds = z
  .array(z.number().int().min(1).max(1000))
  .min(1)
  .max(10)
  .transform((t) => [...new Set(t)].sort((a, b) => a - b));

const MonthlyBudgetAmount = z
  .number()
  .int()
  .min(BUDGET_MINIMUM_JPY, { message: `a monthly budget is at least ¥${BUDGET_MINIMUM_JPY.toLocaleString("en-US")}` })
  .max(1e13);

export const CreateBudgetInput = z.object({
  name: z.string().trim().min(1).max(100),
  monthlyAmountJpy: MonthlyBudgetAmount,
  thresholds: Thresholds.default([50, 80, 100]),
  /** Only an owner may choose a soft action; it only ever scales endpoints down, never deletes. */
  softAction: z.enum(BUDGET_SOFT_ACTIONS).default("none"),
});
export type CreateBudgetInput = z.input<typeof CreateBudgetInput>;

export const UpdateBudgetInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    monthlyAmountJpy: MonthlyBudgetAmount.optional(),
    thresholds: Thresholds.optional(),
    softAction: z.enum(BUDGET_SOFT_ACTIONS).optional(),
  })
  .refine(...somethingToChange);
export type UpdateBudgetInput = z.input<typeof UpdateBudgetInput>;

export const Budget = z.object({
  id: z.string(),
  name: z.string(),
  monthlyAmountJpy: Yen,
  thresholds: z.array(z.number().int()),
  softAction: z.enum(BUDGET_SOFT_ACTIONS),
  month: BillingMonth,
  spentJpy: Yen.describe("this JST month, excl. tax, after discounts"),
  percentUsed: z.number(),
  /** The highest threshold already reported this month, or null. */
  notifiedThreshold: z.number().int().nullable(),
  createdAt: Timestamp,
});
export type Budget = z.infer<typeof Budget>;
