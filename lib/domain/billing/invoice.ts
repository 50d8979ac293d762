import { z } from "zod";
import { BillingMonth, JstDate } from "./jst";
import { SERVICES } from "./price-book";

// The qualified invoice (適格請求書) as a document. This JSON is stored with the PDF and never
// edited; a correction is a new document of kind "correction" that names the one it corrects.

/** An exact amount in rating units (see units.ts), as a decimal integer string. */
const ExactRu = z.string().regex(/^-?\d+$/);
const Yen = z.number().int();

/** Usage aggregated for one invoice line: the same service, SKU, region, list unit price and discount. */
export const RatedUsage = z.object({
  service: z.enum(SERVICES),
  sku: z.string(),
  regionId: z.string(),
  discountBps: z.number().int().min(0).max(10_000),
  /** List unit price in micro-yen per hour (per token for token SKUs). */
  unitPriceMicro: z.bigint().nonnegative(),
  seconds: z.number().int().nonnegative(),
  gpuSeconds: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  listRu: z.bigint(),
  ratedRu: z.bigint(),
  /** Who paid (cost center id, "" or absent = none) and the 発注番号 in force on the usage's days. */
  costCenterId: z.string().optional(),
  poNumber: z.string().optional(),
});
export type RatedUsage = z.infer<typeof RatedUsage>;

export const InvoiceLine = z.object({
  lineNo: z.number().int().positive(),
  kind: z.enum(["usage", "commitment_shortfall", "reservation"]),
  service: z.enum(SERVICES).nullable(),
  sku: z.string().nullable(),
  regionId: z.string().nullable(),
  descriptionJa: z.string(),
  descriptionEn: z.string(),
  /** Display quantity in `unitJa` (hours to 3 decimals, truncated; or millions of tokens). */
  quantity: z.string(),
  unitJa: z.string(),
  unitEn: z.string(),
  seconds: z.number().int().nonnegative(),
  gpuSeconds: z.number().int().nonnegative(),
  gpuHours: z.string(),
  tokens: z.number().int().nonnegative(),
  /** List unit price in yen per `unitJa`, as a decimal string. */
  unitPriceJpy: z.string(),
  discountPercent: z.string(),
  listAmountRu: ExactRu,
  amountRu: ExactRu,
  /** floor(amountRu / RU_PER_YEN): the only rounding of a line. */
  amountJpy: Yen,
  taxRatePercent: z.number().int(),
  /** The cost center (部門・プロジェクト) charged, as it was named at issue; absent on documents issued before cost centers. */
  costCenter: z.object({ id: z.string(), code: z.string(), nameJa: z.string(), nameEn: z.string() }).nullable().optional(),
  /** The customer's 発注番号 for this line, if any. */
  poNumber: z.string().nullable().optional(),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

export const InvoiceKind = z.enum(["invoice", "correction"]);
export type InvoiceKind = z.infer<typeof InvoiceKind>;
export const InvoiceStatus = z.enum(["issued", "paid", "overdue"]);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

export const TaxSummary = z.object({ ratePercent: z.number().int(), subtotalJpy: Yen, taxJpy: Yen });

export const Invoice = z.object({
  schemaVersion: z.literal(1),
  kind: InvoiceKind,
  id: z.string(),
  number: z.string(),
  orgId: z.string(),
  month: BillingMonth,
  titleJa: z.string(),
  titleEn: z.string(),
  period: z.object({ startDate: JstDate, endDate: JstDate, start: z.string(), end: z.string() }),
  issueDate: JstDate,
  issuedAt: z.string(),
  dueDate: JstDate,
  issuer: z.object({ nameJa: z.string(), nameEn: z.string(), registrationNumber: z.string(), addressJa: z.string() }),
  recipient: z.object({ legalNameJa: z.string(), legalNameEn: z.string(), corporateNumber: z.string().nullable() }),
  currency: z.literal("JPY"),
  lines: z.array(InvoiceLine),
  taxes: z.array(TaxSummary),
  subtotalJpy: Yen,
  taxJpy: Yen,
  totalJpy: Yen,
  /** Σ exact usage amounts before any rounding, for audit. */
  exactUsageRu: ExactRu,
  ruPerYen: z.string(),
  paymentTermsJa: z.string(),
  paymentTermsEn: z.string(),
  bankAccount: z.object({
    bankName: z.string(),
    bankCode: z.string(),
    branchName: z.string(),
    branchCode: z.string(),
    accountType: z.string(),
    accountNumber: z.string(),
    accountHolderKana: z.string(),
  }),
  rounding: z.object({ lines: z.literal("floor_of_exact_line_sum"), tax: z.literal("floor_per_invoice_per_rate"), noteJa: z.string(), noteEn: z.string() }),
  corrects: z
    .object({ invoiceId: z.string(), number: z.string(), issueDate: JstDate, reasonJa: z.string() })
    .nullable(),
});
export type Invoice = z.infer<typeof Invoice>;
