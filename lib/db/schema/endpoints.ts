import { sql } from "drizzle-orm";
import type { EndpointAutoscalingInput } from "@/lib/domain/control-plane";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

// Inference endpoints: the console's own record of each order (so a control-plane outage never
// loses one), its API keys (hashed), and the gateway's metering rolled up per endpoint and minute
// (written in batches, never per request). Its long-running operations live in ./operations.ts.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const endpoints = pgTable(
  "endpoints",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    name: text("name").notNull(),
    modelId: text("model_id").notNull(),
    shapeId: text("shape_id").notNull(),
    regionId: text("region_id").notNull(),
    zoneId: text("zone_id").notNull(),
    minReplicas: integer("min_replicas").notNull(),
    maxReplicas: integer("max_replicas").notNull(),
    autoscaling: jsonb("autoscaling").$type<EndpointAutoscalingInput>().notNull(),
    status: text("status").notNull(),
    failureReason: text("failure_reason"),
    replicasCurrent: integer("replicas_current").notNull().default(0),
    replicasReady: integer("replicas_ready").notNull().default(0),
    coldStartSeconds: integer("cold_start_seconds").notNull(),
    simulated: boolean("simulated").notNull().default(true),
    lastRequestAt: ts("last_request_at"),
    syncedAt: ts("synced_at"),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    deletedAt: ts("deleted_at"),
  },
  (t) => [
    index("endpoints_org_idx").on(t.orgId, t.id),
    uniqueIndex("endpoints_org_name_live_key").on(t.orgId, t.name).where(sql`deleted_at is null`),
  ],
);

export const endpointKeys = pgTable(
  "endpoint_keys",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    endpointId: text("endpoint_id").notNull(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
    /** Optional limit on input + output tokens per JST month; the gateway answers 429 once it is spent. */
    monthlyTokenBudget: bigint("monthly_token_budget", { mode: "number" }),
    revokedAt: ts("revoked_at"),
  },
  (t) => [uniqueIndex("endpoint_keys_hash_key").on(t.secretHash), index("endpoint_keys_endpoint_idx").on(t.orgId, t.endpointId, t.id)],
);

/**
 * One row per endpoint, served model and minute: sums, and log-bucket histograms for percentiles.
 * `adapter_name` is the LoRA adapter that answered ("" = the base model), so each adapter has its
 * own charts (issue 22 §1) and the endpoint's are the sum of its rows.
 */
export const endpointMetrics = pgTable(
  "endpoint_metrics",
  {
    endpointId: text("endpoint_id").notNull(),
    orgId: text("org_id").notNull(),
    adapterName: text("adapter_name").notNull().default(""),
    minute: ts("minute").notNull(),
    requests: integer("requests").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull().default(0),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull().default(0),
    latencyHist: jsonb("latency_hist").$type<number[]>().notNull().default([]),
    ttftHist: jsonb("ttft_hist").$type<number[]>().notNull().default([]),
    coldStarts: integer("cold_starts").notNull().default(0),
    maxColdStartMs: integer("max_cold_start_ms"),
    /** Replicas held, as last seen by the sync task in this minute (the endpoint's, so on the base model's row only). */
    replicas: integer("replicas"),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.adapterName, t.minute] }), index("endpoint_metrics_org_idx").on(t.orgId, t.endpointId, t.minute)],
);
