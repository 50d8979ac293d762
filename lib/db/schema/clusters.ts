import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

// The console's own record of Kubernetes cluster orders (what the customer asked for) and their
// node pools (the long-running operations that change them live in ./operations.ts). The control plane holds the
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
    /** The org's capacity reservation the pool draws its nodes from (issue 18); null: on-demand. */
    reservationId: text("reservation_id"),
    /** active | adding | removing | removed */
    status: text("status").notNull().default("active"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("cluster_node_pools_org_cluster_idx").on(t.orgId, t.clusterId)],
);
