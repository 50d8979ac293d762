import { z } from "zod";
import { ListQuery, somethingToChange, Timestamp } from "./common";
import { BUDGET_SOFT_ACTIONS, BillingMonth, Invoice, InvoiceKind, InvoiceStatus, JstDate } from "./billing";
import { BUDGET_MINIMUM_JPY } from "./billing/budget-minimum";
import { Reservation } from "./reservations/reservations-api";

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

export const COST_GROUP_BY = ["service", "shape", "region", "resource", "day", "month", "costCenter"] as const;
export const CostGroupByParam = z.enum(COST_GROUP_BY);
export type CostGroupByParam = z.infer<typeof CostGroupByParam>;

export const CostsQuery = DateRangeQuery.extend({
  groupBy: CostGroupByParam.default("service"),
  /** Only the spend of one cost center (its id), or `none` for workloads charged to none. */
  costCenter: z.string().max(64).regex(/^[A-Za-z0-9_]+$/).optional(),
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

/** A cost center as reports name it (rows keyed by cost center carry its id; "" = none). */
export const CostCenterLabel = z.object({ id: z.string(), code: z.string(), nameJa: z.string(), nameEn: z.string(), archived: z.boolean() });
export type CostCenterLabel = z.infer<typeof CostCenterLabel>;

/**
 * A capacity reservation whose term overlaps the range (issue 18). Its charge is billed as its own
 * invoice line and is NOT in the report's usage rows or total.
 */
export const CostReservation = Reservation.pick({ id: true, shapeId: true, zoneId: true, regionId: true, count: true, gpuCount: true, status: true, startsAt: true, endsAt: true, reservedRatePerHour: true }).extend({
  /** Node-hours of the term inside the range (decimal, 3 places). */
  nodeHoursInRange: z.string(),
  chargeJpy: Yen.describe("what the invoices bill for the part of the term inside the range: each JST month floored once, summed"),
  /** Utilisation of the whole term so far (as the reservation's page shows it); null before its start. */
  utilisation: Reservation.shape.utilisation,
});
export type CostReservation = z.infer<typeof CostReservation>;

export const CostReservations = z.object({
  items: z.array(CostReservation),
  /** The sum of the items' chargeJpy. */
  chargeJpy: Yen,
});
export type CostReservations = z.infer<typeof CostReservations>;

export const CostReport = z.object({
  from: JstDate,
  to: JstDate,
  groupBy: CostGroupByParam,
  /** The cost center filter applied (id, or "none"), if any. */
  costCenter: z.string().nullable(),
  currency: z.literal("JPY"),
  rows: z.array(CostRow),
  total: CostAmounts,
  /** Every cost center of the org (archived too), to label rows and the filter. */
  costCenters: z.array(CostCenterLabel),
  /** Reservations overlapping the range, whatever groupBy or costCenter; their charges are not in `rows` or `total`. */
  reservations: CostReservations,
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
  /** 取引先: part of the counterparty's name (the recipient's or the issuer's), or its 登録番号 / 法人番号. */
  counterparty: z.string().trim().max(200).optional(),
  month: BillingMonth.optional(),
  status: InvoiceStatus.optional(),
  /** `csv` downloads every match (up to 10,000) as CSV: the 「ダウンロードの求め」 of a tax office. */
  format: z.enum(["json", "csv"]).default("json"),
});
export type InvoiceListQuery = z.infer<typeof InvoiceListQuery>;

/** The same search across customers, for provider staff (an account manager sees their accounts). */
export const StaffInvoiceListQuery = InvoiceListQuery.extend({ org: z.string().max(64).optional() });
export type StaffInvoiceListQuery = z.infer<typeof StaffInvoiceListQuery>;

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
  /** The recipient's 法人番号 (its 登録番号 is "T" + this), when known. */
  recipientCorporateNumber: z.string().nullable(),
  /** The org the invoice was issued to (slug), for staff searches across accounts. */
  orgSlug: z.string(),
});
export type InvoiceSummaryView = z.infer<typeof InvoiceSummaryView>;

export const InvoiceDetail = z.object({ status: InvoiceStatus, invoice: Invoice, correctedBy: z.string().nullable() });

// ---------------------------------------------------------------- the archive's hash chain

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const InvoiceChainEntry = z.object({
  seq: z.number().int().positive(),
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  documentSha256: Sha256.describe("SHA-256 of the stored JSON document (PostgreSQL jsonb text form) at issue"),
  pdfSha256: Sha256.describe("SHA-256 of the PDF bytes exactly as downloaded"),
  prevHash: Sha256,
  entryHash: Sha256.describe("SHA-256 of 'hinoki-invoice-chain-v1', seq, invoiceId, invoiceNumber, orgId, documentSha256, pdfSha256, prevHash and recordedAt (UTC, microseconds), joined by newlines"),
  recordedAt: Timestamp,
});
export type InvoiceChainEntry = z.infer<typeof InvoiceChainEntry>;

export const CHAIN_PROBLEMS = ["entry_hash_mismatch", "broken_link", "sequence_gap", "document_changed", "pdf_changed", "invoice_missing", "not_chained"] as const;

export const InvoiceChainVerification = z.object({
  valid: z.boolean(),
  entries: z.number().int().nonnegative(),
  headHash: z.string(),
  verifiedAt: Timestamp,
  /** Other customers' documents appear by sequence number and reason only. */
  problems: z.array(z.object({ seq: z.number().int().nullable(), reason: z.enum(CHAIN_PROBLEMS), invoiceId: z.string().nullable(), invoiceNumber: z.string().nullable() })),
});
export type InvoiceChainVerification = z.infer<typeof InvoiceChainVerification>;

export const InvoiceChainCheck = z.object({
  invoiceId: z.string(),
  entry: InvoiceChainEntry.nullable(),
  documentSha256Now: z.string(),
  pdfSha256Now: z.string(),
  documentMatches: z.boolean(),
  pdfMatches: z.boolean(),
  entryHashValid: z.boolean(),
  linked: z.boolean(),
  /** The whole chain as verified now. */
  chain: InvoiceChainVerification,
});
export type InvoiceChainCheck = z.infer<typeof InvoiceChainCheck>;


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
  /** A 部門予算: count only the spend charged to this cost center (no soft action then). */
  costCenterId: z.string().max(64).nullable().optional(),
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
  /** The cost center whose spend it counts, or null for the whole org. */
  costCenterId: z.string().nullable(),
  month: BillingMonth,
  spentJpy: Yen.describe("this JST month, excl. tax, after discounts"),
  percentUsed: z.number(),
  /** The highest threshold already reported this month, or null. */
  notifiedThreshold: z.number().int().nullable(),
  createdAt: Timestamp,
});
export type Budget = z.infer<typeof Budget>;

export const ArchivePolicyQuery = z.object({ lang: z.enum(["ja", "en"]).default("ja") });
