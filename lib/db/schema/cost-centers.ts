import { boolean, index, pgTable, text, timestamp, date, uniqueIndex } from "drizzle-orm/pg-core";

// Cost centers (部門・プロジェクト) and which one pays for each workload. A cost center is
// archived, never deleted: invoices already issued name it. An allocation is a history row —
// a change is a new row effective from its JST day, so costs before the change stay where they were.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const costCenters = pgTable(
  "cost_centers",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    code: text("code").notNull(),
    nameJa: text("name_ja").notNull(),
    nameEn: text("name_en").notNull(),
    ownerUserId: text("owner_user_id"),
    archivedAt: ts("archived_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("cost_centers_org_code_key").on(t.orgId, t.code), index("cost_centers_org_idx").on(t.orgId, t.id)],
);

/** Per org: must every order name a cost center? No row = not required. */
export const costCenterPolicies = pgTable("cost_center_policies", {
  orgId: text("org_id").primaryKey(),
  required: boolean("required").notNull().default(false),
  updatedBy: text("updated_by"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const costAllocations = pgTable(
  "cost_allocations",
  {
    /** Time-sortable: the latest row of a day wins. */
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    resourceKind: text("resource_kind").$type<"cluster" | "endpoint" | "reservation">().notNull(),
    resourceId: text("resource_id").notNull(),
    costCenterId: text("cost_center_id"),
    poNumber: text("po_number"),
    /** JST day from which this allocation applies (the day of the change). */
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    createdBy: text("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("cost_allocations_resource_idx").on(t.orgId, t.resourceId, t.effectiveFrom, t.id), index("cost_allocations_center_idx").on(t.orgId, t.costCenterId)],
);
