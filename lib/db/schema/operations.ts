import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

// The one table of long-running operations, for every resource kind (clusters, endpoints, and
// whatever comes next). The engine in lib/services/operations owns it; each resource kind plugs
// in an adapter there. Rows of the former `endpoint_operations` table were moved here by the
// custom migration `*_move_endpoint_operations.sql`.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const operations = pgTable(
  "operations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    /** `<targetKind>.<verb>`, e.g. cluster.create, endpoint.update. */
    kind: text("kind").notNull(),
    /** The resource kind; it selects the adapter (cluster, endpoint, …). */
    targetKind: text("target_kind").notNull(),
    targetId: text("target_id").notNull(),
    targetName: text("target_name"),
    /** queued (waiting for capacity) → pending (recorded, not yet accepted by the control plane) → running → succeeded | failed | cancelled */
    status: text("status").notNull(),
    progress: integer("progress").notNull().default(0),
    steps: jsonb("steps").$type<Array<{ name: string; status: string }>>().notNull().default([]),
    currentStep: text("current_step"),
    error: jsonb("error").$type<{ code: string; message: string } | null>(),
    /** What the customer asked for (shown in history). */
    request: jsonb("request").$type<Record<string, unknown>>().notNull().default({}),
    /** What the adapter sends to the control plane, and what it restores if it fails. */
    submission: jsonb("submission").$type<Record<string, unknown>>().notNull().default({}),
    /** The client's Idempotency-Key (per org): the one place a retried mutation is recognised. */
    idempotencyKey: text("idempotency_key"),
    controlPlaneOperationId: text("control_plane_operation_id"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at"),
    lastError: text("last_error"),
    /** Who asked, as people read it ("a@example.jp", "ci (API token)"). */
    requestedBy: text("requested_by"),
    /** The user behind it (a token's creator), whom its outcome notifies. */
    requestedByUserId: text("requested_by_user_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    uniqueIndex("operations_org_id_idx").on(t.orgId, t.id),
    index("operations_org_target_idx").on(t.orgId, t.targetId, t.id),
    index("operations_org_target_kind_idx").on(t.orgId, t.targetKind, t.id),
    uniqueIndex("operations_org_idempotency_idx").on(t.orgId, t.idempotencyKey),
    // The runner reads only unfinished operations.
    index("operations_open_idx").on(t.status).where(sql`status in ('pending', 'running')`),
    // The capacity queue (空き待ち) reads the queued ones in order of arrival.
    index("operations_queued_idx").on(t.createdAt, t.id).where(sql`status = 'queued'`),
  ],
);
