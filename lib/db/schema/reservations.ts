import { bigint, index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

// The console's record of reservations (capacity blocks) a customer ordered: the terms and the
// price as quoted and accepted, which is what the invoice bills. The control plane holds the
// machines (its cp_reservations); this row holds the order and the commitment. Named
// capacity_reservations: "gpu_reservations" are quota holds of in-flight launches (quotas.ts).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const capacityReservations = pgTable(
  "capacity_reservations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    shapeId: text("shape_id").notNull(),
    regionId: text("region_id").notNull(),
    zoneId: text("zone_id").notNull(),
    count: integer("count").notNull(),
    gpuCount: integer("gpu_count").notNull(),
    term: text("term").notNull(),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    /** Exact reserved rate per node-hour in rating units (1 yen = 36e12 ru), as accepted. */
    reservedHourRu: numeric("reserved_hour_ru", { precision: 40, scale: 0, mode: "bigint" }).notNull(),
    termDiscountBps: integer("term_discount_bps").notNull(),
    contractDiscountBps: integer("contract_discount_bps").notNull(),
    totalCommitmentJpy: bigint("total_commitment_jpy", { mode: "number" }).notNull(),
    /** "ordered" or "cancelled"; pending/active/expired follow from the control plane's clock. */
    state: text("state").notNull().default("ordered"),
    createdBy: text("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
    cancelledAt: ts("cancelled_at"),
    /** Expiry notices already sent: the highest of 30 and 7 (days before the end). */
    expiryNoticeDays: integer("expiry_notice_days"),
    /** The JST day a low-utilisation notice was last sent (at most one a week). */
    lowUtilisationNotifiedOn: text("low_utilisation_notified_on"),
  },
  (t) => [
    uniqueIndex("capacity_reservations_org_id_idx").on(t.orgId, t.id),
    index("capacity_reservations_ends_idx").on(t.endsAt),
  ],
);

/**
 * The capacity queue (空き待ち): "notify me" requests for a shape and zone, served in arrival
 * order per zone and shape, each notified once.
 */
export const capacityRequests = pgTable(
  "capacity_requests",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    kind: text("kind").notNull(),
    shapeId: text("shape_id").notNull(),
    zoneId: text("zone_id").notNull(),
    count: integer("count").notNull(),
    /** waiting → notified | cancelled | expired */
    state: text("state").notNull().default("waiting"),
    deadline: ts("deadline"),
    createdBy: text("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
    notifiedAt: ts("notified_at"),
    cancelledAt: ts("cancelled_at"),
  },
  (t) => [uniqueIndex("capacity_requests_org_id_idx").on(t.orgId, t.id), index("capacity_requests_waiting_idx").on(t.state, t.zoneId, t.shapeId, t.createdAt)],
);
