import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, customType, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Contract } from "@/lib/domain/billing/contract";
import type { Invoice } from "@/lib/domain/billing/invoice";
import { orgs } from "./foundation";

// Billing: usage as metered, daily rollups for cost queries, contracts, budgets, and issued
// invoices. Money is whole yen (bigint) or exact rating units ("_ru", numeric(40,0); 1 yen =
// 36e12 ru, see lib/domain/billing/units.ts) — never floating point. Usage is stored at list
// price; contract discounts are applied when read, so terms set retroactively still apply.

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/** An exact amount in rating units: numeric, because a month of a big cluster exceeds int8 in ru. */
const ru = (name: string) => numeric(name, { precision: 40, scale: 0, mode: "bigint" });
const count = (name: string) => bigint(name, { mode: "number" });
const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** One row per metering record; its id is the key, so ingesting a record twice counts it once. */
export const usageRecords = pgTable(
  "usage_records",
  {
    id: text("id").primaryKey(),
    // No foreign key to orgs: ingestion must accept whatever the control plane metered.
    orgId: text("org_id").notNull(),
    resourceId: text("resource_id").notNull(),
    resourceKind: text("resource_kind").notNull(),
    meter: text("meter").notNull(),
    shapeId: text("shape_id"),
    controlPlaneTier: text("control_plane_tier"),
    regionId: text("region_id").notNull(),
    zoneId: text("zone_id").notNull(),
    intervalStart: at("interval_start").notNull(),
    intervalEnd: at("interval_end").notNull(),
    seconds: count("seconds").notNull(),
    gpuSeconds: count("gpu_seconds").notNull(),
    inputTokens: count("input_tokens").notNull(),
    outputTokens: count("output_tokens").notNull(),
    requests: count("requests").notNull(),
    sequence: count("sequence").notNull(),
    /** Exact list amount at the price book of the time of ingestion, before contract discounts. */
    listAmountRu: ru("list_amount_ru").notNull(),
    ingestedAt: at("ingested_at").notNull().defaultNow(),
    /** The reservation the node was drawn from: its hours are paid by the reservation (issue 18). */
    reservationId: text("reservation_id"),
  },
  (t) => [index("usage_records_org_interval_idx").on(t.orgId, t.intervalStart), index("usage_records_reservation_idx").on(t.reservationId)],
);

/** Where ingestion from a metering source got to (the control plane's sequence numbers). */
export const billingIngestionCursors = pgTable("billing_ingestion_cursors", {
  source: text("source").primaryKey(),
  lastSequence: count("last_sequence").notNull(),
  recordsIngested: count("records_ingested").notNull().default(0),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/**
 * Usage per org, JST day, service, SKU, region, zone, resource and list unit price, maintained in the same
 * statement that first inserts a usage record — so each record reaches the rollup exactly once.
 */
export const usageDailyRollups = pgTable(
  "usage_daily_rollups",
  {
    orgId: text("org_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    service: text("service").notNull(),
    sku: text("sku").notNull(),
    regionId: text("region_id").notNull(),
    zoneId: text("zone_id").notNull(),
    resourceId: text("resource_id").notNull(),
    resourceKind: text("resource_kind").notNull(),
    /** List unit price in micro-yen (per hour, or per token): a price change starts new rows. */
    unitPriceMicro: count("unit_price_micro").notNull(),
    seconds: count("seconds").notNull(),
    gpuSeconds: count("gpu_seconds").notNull(),
    tokens: count("tokens").notNull(),
    listAmountRu: ru("list_amount_ru").notNull(),
  },
  (t) => [primaryKey({ name: "usage_daily_rollups_pk", columns: [t.orgId, t.day, t.service, t.sku, t.regionId, t.zoneId, t.resourceId, t.unitPriceMicro] })],
);

/** Contract terms history; the latest effective_from on or before a day applies (ties: latest created). */
export const billingContracts = pgTable(
  "billing_contracts",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull().references(() => orgs.id),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    terms: jsonb("terms").$type<Contract>().notNull(),
    createdBy: text("created_by"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("billing_contracts_org_idx").on(t.orgId, t.effectiveFrom)],
);

export const budgets = pgTable(
  "budgets",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull().references(() => orgs.id),
    name: text("name").notNull(),
    monthlyAmountJpy: bigint("monthly_amount_jpy", { mode: "number" }).notNull(),
    /** Alert thresholds in percent of the monthly amount, ascending. */
    thresholds: integer("thresholds").array().notNull(),
    softAction: text("soft_action").notNull().default("none"),
    /** A budget of one cost center (部門予算); null = the whole org. */
    costCenterId: text("cost_center_id"),
    /** The JST month and highest threshold already reported in it. */
    notifiedMonth: text("notified_month"),
    notifiedThreshold: integer("notified_threshold"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("budgets_org_idx").on(t.orgId, t.id)],
);

/** Per-month counters behind gapless invoice numbers (HNK-202611-000123). */
export const invoiceNumberCounters = pgTable("invoice_number_counters", {
  month: text("month").primaryKey(),
  lastValue: integer("last_value").notNull(),
});

/**
 * Issued invoices: the JSON document and the PDF are written once and never updated (電子帳簿保存法:
 * keep 7 years, searchable by date, amount and counterparty). Only `status` changes (paid, overdue).
 * A correction is a new row with kind 'correction' and corrects_invoice_id.
 */
export const invoices = pgTable(
  "invoices",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull().references(() => orgs.id),
    kind: text("kind").$type<"invoice" | "correction">().notNull(),
    number: text("number").notNull(),
    month: text("month").notNull(),
    status: text("status").$type<"issued" | "paid" | "overdue">().notNull().default("issued"),
    recipientName: text("recipient_name").notNull(),
    subtotalJpy: bigint("subtotal_jpy", { mode: "number" }).notNull(),
    taxJpy: bigint("tax_jpy", { mode: "number" }).notNull(),
    totalJpy: bigint("total_jpy", { mode: "number" }).notNull(),
    document: jsonb("document").$type<Invoice>().notNull(),
    pdf: bytea("pdf").notNull(),
    issueDate: date("issue_date", { mode: "string" }).notNull(),
    issuedAt: at("issued_at").notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    correctsInvoiceId: text("corrects_invoice_id").references((): AnyPgColumn => invoices.id),
  },
  (t) => [
    uniqueIndex("invoices_number_key").on(t.number),
    // The month's original invoice is issued once per org, whatever runs closeMonth concurrently.
    uniqueIndex("invoices_org_month_original_key").on(t.orgId, t.month).where(sql`kind = 'invoice'`),
    // A document is corrected at most once, so corrections form one chain per month.
    uniqueIndex("invoices_corrects_key").on(t.correctsInvoiceId),
    index("invoices_org_issued_idx").on(t.orgId, t.issuedAt),
    index("invoices_issue_date_idx").on(t.issueDate),
    index("invoices_total_idx").on(t.totalJpy),
    index("invoices_recipient_idx").on(t.recipientName),
  ],
);
