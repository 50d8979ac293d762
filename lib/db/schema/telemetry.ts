import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp } from "drizzle-orm/pg-core";

// GPU telemetry (issue 19). Raw per-GPU samples (one per 30-second window, kept a day) and
// roll-ups per node and per resource at 1 minute (kept a week) and 1 hour (kept a year). A roll-up
// row holds sums and maxima, so buckets merge exactly and a chart reads at most one row per
// bucket whatever the number of GPUs. `node_id` '' is the whole resource.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const gpuSamples = pgTable(
  "gpu_samples",
  {
    uuid: text("uuid").notNull(),
    windowStart: ts("window_start").notNull(),
    orgId: text("org_id").notNull(),
    resourceId: text("resource_id").notNull(),
    resourceKind: text("resource_kind").notNull(),
    nodeId: text("node_id").notNull(),
    poolId: text("pool_id"),
    shapeId: text("shape_id").notNull(),
    nodeGpuCount: integer("node_gpu_count").notNull(),
    hostname: text("hostname").notNull(),
    gpuIndex: integer("gpu_index").notNull(),
    modelName: text("model_name").notNull(),
    util: real("util").notNull(),
    grActive: real("gr_active").notNull(),
    fbUsed: integer("fb_used").notNull(),
    fbFree: integer("fb_free").notNull(),
    power: real("power").notNull(),
    temp: real("temp").notNull(),
    xid: integer("xid").notNull(),
    eccSbe: integer("ecc_sbe").notNull(),
    eccDbe: integer("ecc_dbe").notNull(),
  },
  (t) => [
    // One sample per GPU and window: ingesting a window twice stores it once.
    primaryKey({ columns: [t.uuid, t.windowStart] }),
    index("gpu_samples_resource_idx").on(t.orgId, t.resourceId, t.windowStart),
    index("gpu_samples_window_idx").on(t.windowStart),
  ],
);

export const gpuRollups = pgTable(
  "gpu_rollups",
  {
    resourceId: text("resource_id").notNull(),
    /** '' for the whole resource. */
    nodeId: text("node_id").notNull(),
    /** '1m' or '1h'. */
    resolution: text("resolution").notNull(),
    bucket: ts("bucket").notNull(),
    orgId: text("org_id").notNull(),
    resourceKind: text("resource_kind").notNull(),
    poolId: text("pool_id"),
    shapeId: text("shape_id").notNull(),
    /** GPUs of the node ('' rows: the most GPU samples seen in one window is not kept; see samples). */
    nodeGpuCount: integer("node_gpu_count").notNull(),
    /** GPU-samples summed into this row. */
    samples: integer("samples").notNull(),
    utilSum: doublePrecision("util_sum").notNull(),
    utilMax: real("util_max").notNull(),
    fbUsedSum: doublePrecision("fb_used_sum").notNull(),
    fbTotalSum: doublePrecision("fb_total_sum").notNull(),
    powerSum: doublePrecision("power_sum").notNull(),
    tempSum: doublePrecision("temp_sum").notNull(),
    tempMax: real("temp_max").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.resourceId, t.nodeId, t.resolution, t.bucket] }),
    index("gpu_rollups_org_idx").on(t.orgId, t.resolution, t.bucket),
    index("gpu_rollups_bucket_idx").on(t.resolution, t.bucket),
  ],
);

/** The console's copy of the control plane's hardware health feed, per org. */
export const gpuHealthEvents = pgTable(
  "gpu_health_events",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    resourceId: text("resource_id").notNull(),
    kind: text("kind").notNull(),
    at: ts("at").notNull(),
    event: jsonb("event").notNull(),
  },
  (t) => [index("gpu_health_events_resource_idx").on(t.orgId, t.resourceId, t.at)],
);
