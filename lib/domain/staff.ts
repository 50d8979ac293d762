import { z } from "zod";
import { AuditEvent } from "./audit";
import { Contract } from "./billing/contract";
import { Timestamp } from "./common";
import { GpuModelSchema, QuotaLine, QuotaRequest } from "./quotas";

// The provider's staff console: the book of accounts, an account's page, quota decisions,
// contract terms and staff-only notes (issue 8).

export const StaffAccount = z.object({
  orgId: z.string(),
  slug: z.string(),
  legalNameJa: z.string(),
  legalNameEn: z.string(),
  memberCount: z.number().int(),
  managers: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string() })),
  createdAt: Timestamp,
});
export type StaffAccount = z.infer<typeof StaffAccount>;

export const BUDGET_STATUSES = ["none", "ok", "warning", "exceeded"] as const;
export const BudgetStatus = z.enum(BUDGET_STATUSES);
export type BudgetStatus = z.infer<typeof BudgetStatus>;

/** One row of the book of accounts: who the customer is and how the account is doing. */
export const AccountSummary = StaffAccount.extend({
  spend: z.object({
    /** JST month of `monthToDateJpy` (YYYY-MM). */
    month: z.string(),
    monthToDateJpy: z.number().int().describe("this JST month so far, after contract discounts, excl. tax"),
    lastMonthJpy: z.number().int(),
    forecastJpy: z.number().int().describe("linear run rate to the end of this month"),
    /** Forecast against last month, in percent; null when last month had no spend. */
    trendPercent: z.number().nullable(),
  }),
  gpusInUse: z.array(z.object({ gpuModel: GpuModelSchema, gpus: z.number().int() })),
  gpusInUseTotal: z.number().int(),
  quota: z.object({
    /** The most used quota line (region × GPU model), in percent of its limit. */
    highestUsePercent: z.number().int(),
    tightest: z.object({ regionId: z.string(), gpuModel: GpuModelSchema, inUse: z.number().int(), limit: z.number().int() }).nullable(),
  }),
  openQuotaRequests: z.number().int(),
  budget: z.object({ status: BudgetStatus, name: z.string().nullable(), spentPercent: z.number().int().nullable() }),
  overdueInvoices: z.object({ count: z.number().int(), amountJpy: z.number().int() }),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const BOOK_SORTS = ["name", "monthToDate", "lastMonth", "trend", "gpus", "quota", "requests", "overdue"] as const;
export const BOOK_ATTENTION = ["requests", "budget", "overdue", "quota", "unassigned"] as const;

/** Sorting and filtering of the book; lives in the page's URL. */
export const BookQuery = z.object({
  q: z.string().trim().max(100).optional().describe("matches slug or legal names"),
  sort: z.enum(BOOK_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).optional().describe("default: asc for name, desc for numbers"),
  attention: z.enum(BOOK_ATTENTION).optional().describe("only accounts needing this kind of attention"),
  manager: z.string().max(64).optional().describe("platform admins: one manager's accounts (user id)"),
});
export type BookQuery = z.input<typeof BookQuery>;

export const AssignManagerInput = z.object({ staffUserId: z.string().min(1), assigned: z.boolean() });
export type AssignManagerInput = z.infer<typeof AssignManagerInput>;

export const StaffMember = z.object({ userId: z.string(), name: z.string(), email: z.string(), staffRole: z.enum(["account_manager", "platform_admin"]) });
export type StaffMember = z.infer<typeof StaffMember>;

// --- Contracts --------------------------------------------------------------------------------

/** One version of the terms, as set by an account manager. */
export const ContractVersion = Contract.extend({
  id: z.string(),
  setBy: z.string().nullable().describe("name of the person who set these terms"),
  createdAt: Timestamp,
});
export type ContractVersion = z.infer<typeof ContractVersion>;

/** A shape's price for this org at a moment: list price and the contract's price. */
export const ContractPrice = z.object({
  shapeId: z.string(),
  gpuModel: GpuModelSchema.nullable(),
  listPerHourJpy: z.number().int(),
  /** May have decimals (a 12.5 % discount on ¥290); exact value in micro-yen beside it. */
  pricePerHourJpy: z.number(),
  pricePerHourMicroJpy: z.string(),
  pricePerMonthJpy: z.number().int().describe("pricePerHour × 730, rounded down"),
  discountPercent: z.number(),
  /** The contract the price comes from; null = list price (no contract in force). */
  contractEffectiveFrom: z.string().nullable(),
});
export type ContractPrice = z.infer<typeof ContractPrice>;

export const AccountContract = z.object({
  /** The terms in force today (JST); null when the org pays list prices. */
  current: ContractVersion.nullable(),
  /** Terms set to take effect on a later date. */
  upcoming: z.array(ContractVersion),
  /** Every version ever set, newest first. */
  history: z.array(ContractVersion),
  /** Today's price per shape under `current`. */
  prices: z.array(ContractPrice),
});
export type AccountContract = z.infer<typeof AccountContract>;

/** PUT body: the whole set of terms and the JST date they take effect. */
export const PutContractInput = Contract;
export type PutContractInput = z.input<typeof Contract>;

// --- Quota decisions --------------------------------------------------------------------------

export const DecideQuotaRequestInput = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("approved"),
    /** The new limit granted; defaults to what was asked. Must exceed the current limit. */
    approvedGpus: z.number().int().min(1).max(10_000).optional(),
    decisionReason: z.string().trim().max(2000).optional(),
  }),
  z.object({
    status: z.literal("rejected"),
    decisionReason: z.string().trim().min(1, "a rejection needs a reason").max(2000),
  }),
]);
export type DecideQuotaRequestInput = z.infer<typeof DecideQuotaRequestInput>;

export const StaffQuotaRequest = QuotaRequest.extend({
  org: z.object({ slug: z.string(), legalNameJa: z.string(), legalNameEn: z.string() }),
  requestedByName: z.string().nullable(),
  decidedByName: z.string().nullable(),
});
export type StaffQuotaRequest = z.infer<typeof StaffQuotaRequest>;

export const StaffQuotaRequestQuery = z.object({
  status: z.enum(["pending", "approved", "rejected"]).optional().describe("default: pending"),
  org: z.string().max(64).optional().describe("one account's requests (slug)"),
});
export type StaffQuotaRequestQuery = z.infer<typeof StaffQuotaRequestQuery>;

// --- Account page -----------------------------------------------------------------------------

export const AccountDetail = z.object({
  account: AccountSummary,
  corporateNumber: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  quotas: z.array(QuotaLine),
  contract: ContractVersion.nullable(),
});
export type AccountDetail = z.infer<typeof AccountDetail>;

/** An entry of the account's timeline: the customer's audit log, and staff actions about it. */
export const AccountActivity = AuditEvent.extend({ log: z.enum(["customer", "staff"]) });
export type AccountActivity = z.infer<typeof AccountActivity>;

export const AccountNote = z.object({
  id: z.string(),
  body: z.string(),
  author: z.object({ userId: z.string(), name: z.string() }),
  createdAt: Timestamp,
});
export type AccountNote = z.infer<typeof AccountNote>;

export const CreateAccountNoteInput = z.object({ body: z.string().trim().min(1).max(5000) });
export type CreateAccountNoteInput = z.infer<typeof CreateAccountNoteInput>;
