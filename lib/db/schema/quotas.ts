import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// GPU quotas per org, region and GPU model; the console's own record of GPUs its orders hold
// (so quota checks never need the control plane); quota requests; residency policies.

export const quotaLimits = pgTable(
  "quota_limits",
  {
    orgId: text("org_id").notNull(),
    regionId: text("region_id").notNull(),
    gpuModel: text("gpu_model").notNull(),
    gpus: integer("gpus").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.regionId, t.gpuModel] })],
);

/** GPUs an order holds (or is about to hold) per region and model; deleted when released. */
export const gpuReservations = pgTable(
  "gpu_reservations",
  {
    orgId: text("org_id").notNull(),
    resourceId: text("resource_id").notNull(),
    resourceKind: text("resource_kind").notNull(),
    regionId: text("region_id").notNull(),
    gpuModel: text("gpu_model").notNull(),
    gpus: integer("gpus").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.regionId, t.gpuModel] }), index("gpu_reservations_org_idx").on(t.orgId, t.regionId, t.gpuModel)],
);

export const quotaRequests = pgTable(
  "quota_requests",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    regionId: text("region_id").notNull(),
    gpuModel: text("gpu_model").notNull(),
    currentGpus: integer("current_gpus").notNull(),
    requestedGpus: integer("requested_gpus").notNull(),
    approvedGpus: integer("approved_gpus"),
    reason: text("reason").notNull(),
    status: text("status").notNull().default("pending"),
    decisionReason: text("decision_reason"),
    requestedBy: text("requested_by").notNull(),
    decidedBy: text("decided_by"),
    history: jsonb("history").$type<Array<{ at: string; by: string; status: string; note?: string }>>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("quota_requests_org_idx").on(t.orgId, t.id), index("quota_requests_status_idx").on(t.status)],
);

export const residencyPolicies = pgTable("residency_policies", {
  orgId: text("org_id").primaryKey(),
  allowedRegions: jsonb("allowed_regions").$type<string[]>().notNull(),
  updatedBy: text("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
