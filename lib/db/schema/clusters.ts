import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

// The console's own record of Kubernetes cluster orders (what the customer asked for), their
// node pools, and the long-running operations that change them. The control plane holds the
// machines; these tables hold the order, so an outage never loses one.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const clusters = pgTable(
  "clusters",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    name: text("name").notNull(),
    regionId: text("region_id").notNull(),
    zoneId: text("zone_id").notNull(),
    kubernetesVersion: text("kubernetes_version").notNull(),
    controlPlane: text("control_plane").notNull(),
    network: jsonb("network").$type<{ podCidr: string; serviceCidr: string }>().notNull(),
    status: text("status").notNull(),
    failureReason: text("failure_reason"),
    /** What a failed launch released: { nodes, gpus, at }. */
    released: jsonb("released").$type<{ nodes: number; gpus: number; at: string } | null>(),
    apiServerUrl: text("api_server_url"),
    /** Denormalised from the pools for the list: GPUs and nodes the order holds (or will). */
    gpuCount: integer("gpu_count").notNull().default(0),
    nodeCount: integer("node_count").notNull().default(0),
    gpuModels: jsonb("gpu_models").$type<string[]>().notNull().default([]),
    pricePerHourJpy: integer("price_per_hour_jpy").notNull().default(0),
    /** True once the control plane has accepted the create (it knows the cluster). */
    submitted: integer("submitted").notNull().default(0),
    createdBy: text("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    deletedAt: ts("deleted_at"),
  },
  (t) => [
    // Keyset pagination per org (newest first by id) and by name.
    uniqueIndex("clusters_org_id_idx").on(t.orgId, t.id),
    index("clusters_org_name_idx").on(t.orgId, t.name, t.id),
    index("clusters_org_status_idx").on(t.orgId, t.status, t.id),
    // One live cluster per name in an org; a deleted name may be used again.
    uniqueIndex("clusters_org_live_name_idx").on(t.orgId, t.name).where(sql`status <> 'deleted'`),
  ],
);

export const clusterNodePools = pgTable(
  "cluster_node_pools",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    clusterId: text("cluster_id").notNull(),
    name: text("name").notNull(),
    shapeId: text("shape_id").notNull(),
    count: integer("count").notNull(),
    autoscalingMin: integer("autoscaling_min"),
    autoscalingMax: integer("autoscaling_max"),
    labels: jsonb("labels").$type<Record<string, string>>().notNull().default({}),
    taints: jsonb("taints").$type<Array<{ key: string; value?: string; effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute" }>>().notNull().default([]),
    topology: text("topology"),
    /** active | adding | removing | removed */
    status: text("status").notNull().default("active"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("cluster_node_pools_org_cluster_idx").on(t.orgId, t.clusterId)],
);

/** Long-running operations of any resource (clusters now, endpoints too). */
export const operations = pgTable(
  "operations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    kind: text("kind").notNull(),
    targetKind: text("target_kind").notNull(),
    targetId: text("target_id").notNull(),
    targetName: text("target_name"),
    /** pending (saved, not yet accepted by the control plane) | running | succeeded | failed */
    status: text("status").notNull(),
    progress: integer("progress").notNull().default(0),
    steps: jsonb("steps").$type<Array<{ name: string; status: string }>>().notNull().default([]),
    currentStep: text("current_step"),
    error: jsonb("error").$type<{ code: string; message: string } | null>(),
    /** What the customer asked for (shown in history). */
    request: jsonb("request").$type<Record<string, unknown>>().notNull().default({}),
    /** What to send to the control plane, and what to restore if it fails. */
    submission: jsonb("submission").$type<Record<string, unknown>>().notNull().default({}),
    idempotencyKey: text("idempotency_key"),
    controlPlaneOperationId: text("control_plane_operation_id"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at"),
    lastError: text("last_error"),
    requestedBy: text("requested_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    uniqueIndex("operations_org_id_idx").on(t.orgId, t.id),
    index("operations_org_target_idx").on(t.orgId, t.targetId, t.id),
    uniqueIndex("operations_org_idempotency_idx").on(t.orgId, t.idempotencyKey),
    // The sync loop reads only unfinished operations.
    index("operations_open_idx").on(t.status).where(sql`status in ('pending', 'running')`),
  ],
);
