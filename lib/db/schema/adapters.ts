import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

// LoRA adapters of an org (issue 22 §1). The weights' bytes live in the data directory (the
// Batch API's file storage); the row records the stored file, its size, SHA-256 and what its
// header showed. An adapter is deleted for good (row and file), and only while no endpoint serves it.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const loraAdapters = pgTable(
  "lora_adapters",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    name: text("name").notNull(),
    baseModelId: text("base_model_id").notNull(),
    rank: integer("rank").notNull(),
    description: text("description"),
    /** awaiting_weights · ready */
    status: text("status").notNull(),
    /** The stored file's id in the data directory: each upload writes its own, the first to commit wins. */
    weightsFileId: text("weights_file_id"),
    bytes: bigint("bytes", { mode: "number" }),
    sha256: text("sha256"),
    tensorCount: integer("tensor_count"),
    layerCount: integer("layer_count"),
    targetModules: jsonb("target_modules").$type<string[]>(),
    weightsUploadedAt: ts("weights_uploaded_at"),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("lora_adapters_org_name_key").on(t.orgId, t.name), index("lora_adapters_org_idx").on(t.orgId, t.id)],
);

/** The adapters an endpoint serves: written by the attach/detach operations, read by the gateway's cache. */
export const endpointAdapters = pgTable(
  "endpoint_adapters",
  {
    orgId: text("org_id").notNull(),
    endpointId: text("endpoint_id").notNull(),
    adapterId: text("adapter_id").notNull(),
    /** attaching (its operation runs) · attached (served) · detaching (still served until unloaded) */
    state: text("state").notNull(),
    /** The adapter's name, copied for the gateway's cache (names never change). */
    adapterName: text("adapter_name").notNull(),
    attachedAt: ts("attached_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.adapterId] }), index("endpoint_adapters_adapter_idx").on(t.orgId, t.adapterId)],
);

/**
 * Usage per adapter (or the base model, adapter "") of an endpoint per JST day: the metering of
 * issue 22 §1. Written by the gateway's metering buffer in its batched flush, beside the per-key
 * usage; instances add into the same row. Keyed by the adapter's name, as clients call it: a
 * deleted adapter's past usage stays readable under its name.
 */
export const endpointAdapterUsage = pgTable(
  "endpoint_adapter_usage",
  {
    orgId: text("org_id").notNull(),
    endpointId: text("endpoint_id").notNull(),
    /** "" is the base model. */
    adapterName: text("adapter_name").notNull(),
    day: text("day").notNull(),
    requests: integer("requests").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull().default(0),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.adapterName, t.day] }), index("endpoint_adapter_usage_org_idx").on(t.orgId, t.endpointId, t.day)],
);
