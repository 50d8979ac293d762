import { bigint, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

// Usage per endpoint key and JST day — the chargeback record of the application that owns the
// key. The gateway's metering buffer rolls requests up in memory and adds them here in the same
// batched write as the per-minute endpoint metrics (never per request). Several instances add
// into the same row; their counts add up.
export const endpointKeyUsage = pgTable(
  "endpoint_key_usage",
  {
    keyId: text("key_id").notNull(),
    /** The JST calendar date (YYYY-MM-DD): a day and a month of usage are JST days and months, as on invoices. */
    day: text("day").notNull(),
    orgId: text("org_id").notNull(),
    endpointId: text("endpoint_id").notNull(),
    requests: integer("requests").notNull().default(0),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull().default(0),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.day] }), index("endpoint_key_usage_org_idx").on(t.orgId, t.endpointId, t.day)],
);
