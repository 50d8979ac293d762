import { sql } from "drizzle-orm";
import { bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { MeteringRecord } from "@/lib/domain/metering";

// The embedded simulator's own state (every table prefixed cp_). It lives in the console's
// database when embedded and in its own when served standalone; either way a restart resumes
// from here. The console's code never reads these tables: it goes through the ControlPlane
// interface, as it would with the operator's real control plane.

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Small facts about the simulator itself: the seeded fleet, the metering watermark, the clock. */
export const cpMeta = pgTable("cp_meta", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
});

/**
 * A physical machine. Capacity is counted in slots: an H100 8x node has eight (one per GPU, so
 * it hosts one h100-8x or up to eight h100-1x); every other machine has one. `used_mask` says
 * which slots are taken, `used_slots` how many (indexed, for placement queries).
 */
export const cpHosts = pgTable(
  "cp_hosts",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id").notNull(),
    zoneId: text("zone_id").notNull(),
    /** The shape the machine is built as (h100-8x, gb200-tray, cpu-16, …). */
    hostShape: text("host_shape").notNull(),
    rackId: text("rack_id"),
    rackSlot: integer("rack_slot"),
    gpuCount: integer("gpu_count").notNull(),
    slots: integer("slots").notNull(),
    usedSlots: integer("used_slots").notNull().default(0),
    usedMask: integer("used_mask").notNull().default(0),
    /** "active" or "maintenance" (never placed on). */
    state: text("state").notNull().default("active"),
    /**
     * The end of the last reservation holding this machine (cp_reservation_hosts): until then it is
     * never placed on demand. On the host row, so a launch racing a reservation re-checks it under
     * the row lock (SELECT … FOR UPDATE re-evaluates its WHERE on the newest row version).
     */
    heldUntil: at("held_until"),
  },
  (t) => [
    index("cp_hosts_placement_idx").on(t.zoneId, t.hostShape, t.usedSlots),
    index("cp_hosts_rack_idx").on(t.rackId),
  ],
);

/** Every GPU with the identity an attestation names: stable for the life of the fleet. */
export const cpGpus = pgTable(
  "cp_gpus",
  {
    hostId: text("host_id").notNull(),
    gpuIndex: integer("gpu_index").notNull(),
    model: text("model").notNull(),
    boardSerial: text("board_serial").notNull(),
    ueid: text("ueid").notNull(),
    vbios: text("vbios").notNull(),
    driver: text("driver").notNull(),
    ccMode: text("cc_mode").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.gpuIndex] }), uniqueIndex("cp_gpus_ueid_key").on(t.ueid)],
);

export const cpClusters = pgTable(
  "cp_clusters",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    regionId: text("region_id").notNull(),
    zoneId: text("zone_id").notNull(),
    kubernetesVersion: text("kubernetes_version").notNull(),
    controlPlaneTier: text("control_plane_tier").notNull(),
    /** The desired node pools (NodePoolSpec[]), as last accepted. */
    nodePools: jsonb("node_pools").notNull(),
    network: jsonb("network").notNull(),
    status: text("status").notNull(),
    failureReason: text("failure_reason"),
    apiServerUrl: text("api_server_url").notNull(),
    caCertificatePem: text("ca_certificate_pem").notNull(),
    /** The CA's private key: a simulator keeps it to sign what a real API server would. */
    caPrivateKeyPem: text("ca_private_key_pem").notNull(),
    /** The control plane is metered between these two instants. */
    controlPlaneStartedAt: at("control_plane_started_at"),
    controlPlaneStoppedAt: at("control_plane_stopped_at"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    deletedAt: at("deleted_at"),
  },
  (t) => [index("cp_clusters_tenant_idx").on(t.tenantId, t.createdAt)],
);

export const cpEndpoints = pgTable(
  "cp_endpoints",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    name: text("name").notNull(),
    modelId: text("model_id").notNull(),
    shapeId: text("shape_id").notNull(),
    regionId: text("region_id").notNull(),
    zoneId: text("zone_id").notNull(),
    minReplicas: integer("min_replicas").notNull(),
    maxReplicas: integer("max_replicas").notNull(),
    autoscaling: jsonb("autoscaling").notNull(),
    /** LoRA adapters loaded on every replica (issue 22): what `model: "<base>:<adapter>"` may name. */
    adapters: jsonb("adapters").$type<{ id: string; name: string; sha256: string }[]>().notNull().default([]),
    status: text("status").notNull(),
    failureReason: text("failure_reason"),
    lastRequestAt: at("last_request_at"),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    deletedAt: at("deleted_at"),
  },
  (t) => [index("cp_endpoints_tenant_idx").on(t.tenantId, t.createdAt)],
);

/**
 * A node of a cluster (or a replica of an endpoint) placed on slots of a host. Held, and
 * metered, from `provisioned_at` until `released_at`; its slots are taken from the moment it is
 * reserved until it is released.
 */
export const cpPlacements = pgTable(
  "cp_placements",
  {
    id: text("id").primaryKey(),
    resourceId: text("resource_id").notNull(),
    resourceKind: text("resource_kind").notNull(),
    tenantId: text("tenant_id").notNull(),
    poolId: text("pool_id"),
    /** The operation that reserved it (released again if that operation fails). */
    operationId: text("operation_id"),
    /** The tenant's reservation whose machine it runs on; null = on-demand capacity. */
    reservationId: text("reservation_id"),
    hostId: text("host_id").notNull(),
    slotMask: integer("slot_mask").notNull(),
    shapeId: text("shape_id").notNull(),
    regionId: text("region_id").notNull(),
    zoneId: text("zone_id").notNull(),
    gpuCount: integer("gpu_count").notNull(),
    /** reserved → booting → ready → draining → released */
    state: text("state").notNull(),
    reservedAt: at("reserved_at").notNull(),
    /** When a cold-started endpoint replica can serve. */
    readyDueAt: at("ready_due_at"),
    provisionedAt: at("provisioned_at"),
    releasedAt: at("released_at"),
  },
  (t) => [
    index("cp_placements_resource_idx").on(t.resourceId, t.state),
    index("cp_placements_operation_idx").on(t.operationId),
    index("cp_placements_released_idx").on(t.releasedAt),
    // The ticker's question "which replicas finished their cold start?" without a full scan.
    index("cp_placements_state_idx").on(t.state, t.readyDueAt),
  ],
);

/** Steps are stored with their planned durations, so a restart resumes on the same schedule. */
export interface StoredStep {
  name: string;
  status: "pending" | "running" | "succeeded" | "failed" | "skipped";
  durationMs: number;
  startedAt?: string;
  finishedAt?: string;
}

export const cpOperations = pgTable(
  "cp_operations",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    kind: text("kind").notNull(),
    targetKind: text("target_kind").notNull(),
    targetId: text("target_id").notNull(),
    status: text("status").notNull(),
    steps: jsonb("steps").$type<StoredStep[]>().notNull(),
    currentStep: integer("current_step").notNull(),
    stepStartedAt: at("step_started_at").notNull(),
    /** When the current step ends (null once finished): the ticker's work queue. */
    dueAt: at("due_at"),
    /** What the operation changes (for updates) and what to restore if it fails. */
    payload: jsonb("payload").notNull().default(sql`'{}'::jsonb`),
    /** Failure injection, decided when the operation starts (so it survives a restart). */
    failAtStep: integer("fail_at_step"),
    error: jsonb("error").$type<{ code: string; message: string }>(),
    startedAt: at("started_at").notNull(),
    finishedAt: at("finished_at"),
  },
  (t) => [
    index("cp_operations_due_idx").on(t.status, t.dueAt),
    index("cp_operations_tenant_idx").on(t.tenantId, t.startedAt),
    index("cp_operations_target_idx").on(t.targetId, t.startedAt),
  ],
);

export const cpIdempotencyKeys = pgTable("cp_idempotency_keys", {
  key: text("key").primaryKey(),
  requestHash: text("request_hash").notNull(),
  operationId: text("operation_id").notNull(),
  createdAt: at("created_at").notNull(),
});

/** Closed metering intervals. `sequence` orders the log for cursors; `id` is the stable key. */
export const cpMeteringRecords = pgTable(
  "cp_metering_records",
  {
    sequence: bigserial("sequence", { mode: "number" }).primaryKey(),
    id: text("id").notNull(),
    record: jsonb("record").$type<Omit<MeteringRecord, "sequence">>().notNull(),
    resourceId: text("resource_id").notNull(),
    intervalStart: at("interval_start").notNull(),
  },
  (t) => [uniqueIndex("cp_metering_records_id_key").on(t.id), index("cp_metering_records_resource_idx").on(t.resourceId, t.intervalStart)],
);

/** Inference usage, summed per endpoint, metering interval and workload (flushed from memory each tick). */
export const cpTokenUsage = pgTable(
  "cp_token_usage",
  {
    endpointId: text("endpoint_id").notNull(),
    intervalStart: at("interval_start").notNull(),
    /** Batch API work (the batch_tokens meter) rather than interactive requests. */
    batch: boolean("batch").notNull().default(false),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    requests: integer("requests").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.intervalStart, t.batch] })],
);

/** Issued cluster tokens, kept hashed (the token itself is shown once). */
export const cpClusterCredentials = pgTable(
  "cp_cluster_credentials",
  {
    id: text("id").primaryKey(),
    clusterId: text("cluster_id").notNull(),
    tokenSha256: text("token_sha256").notNull(),
    issuedAt: at("issued_at").notNull(),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [index("cp_cluster_credentials_cluster_idx").on(t.clusterId)],
);

/** A reservation: whole machines of a shape in a zone, held for one tenant over [starts_at, ends_at). */
export const cpReservations = pgTable(
  "cp_reservations",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    shapeId: text("shape_id").notNull(),
    regionId: text("region_id").notNull(),
    zoneId: text("zone_id").notNull(),
    count: integer("count").notNull(),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
    /** Set when cancelled before its start. */
    cancelledAt: at("cancelled_at"),
    /** Set once the ticker has given its machines back at the end. */
    expiredAt: at("expired_at"),
    createdAt: at("created_at").notNull(),
  },
  (t) => [index("cp_reservations_tenant_idx").on(t.tenantId, t.createdAt), index("cp_reservations_ends_idx").on(t.endsAt)],
);

/** Which machines a reservation holds; a machine may be held by several reservations whose windows do not overlap. */
export const cpReservationHosts = pgTable(
  "cp_reservation_hosts",
  {
    reservationId: text("reservation_id").notNull(),
    hostId: text("host_id").notNull(),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.reservationId, t.hostId] }), index("cp_reservation_hosts_host_idx").on(t.hostId, t.endsAt)],
);

/**
 * Hardware health of the fleet (issue 19): faults, cordons and node replacements, in the order
 * they happened. `sequence` orders the feed the console reads; `event` is the HealthEvent body.
 */
export const cpHealthEvents = pgTable(
  "cp_health_events",
  {
    sequence: bigserial("sequence", { mode: "number" }).primaryKey(),
    id: text("id").notNull(),
    resourceId: text("resource_id").notNull(),
    poolId: text("pool_id"),
    hostId: text("host_id").notNull(),
    kind: text("kind").notNull(),
    at: at("at").notNull(),
    event: jsonb("event").notNull(),
  },
  (t) => [uniqueIndex("cp_health_events_id_key").on(t.id), index("cp_health_events_resource_idx").on(t.resourceId, t.at), index("cp_health_events_host_idx").on(t.hostId, t.at)],
);

/** A node being replaced after a fault: the new node becomes ready at `ready_due_at`. */
export const cpNodeReplacements = pgTable(
  "cp_node_replacements",
  {
    oldNodeId: text("old_node_id").primaryKey(),
    newNodeId: text("new_node_id").notNull(),
    resourceId: text("resource_id").notNull(),
    faultAt: at("fault_at").notNull(),
    readyDueAt: at("ready_due_at").notNull(),
    completedAt: at("completed_at"),
  },
  (t) => [index("cp_node_replacements_due_idx").on(t.completedAt, t.readyDueAt)],
);

/** The autoscaler's decisions per endpoint, newest read first (ids are time-ordered ULIDs). */
export const cpScalingEvents = pgTable(
  "cp_scaling_events",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id").notNull(),
    at: at("at").notNull(),
    fromReplicas: integer("from_replicas").notNull(),
    toReplicas: integer("to_replicas").notNull(),
    cause: text("cause").notNull(),
    metric: text("metric"),
    observed: doublePrecision("observed"),
    target: doublePrecision("target"),
    windowSeconds: integer("window_seconds"),
  },
  (t) => [index("cp_scaling_events_endpoint_idx").on(t.endpointId, t.id)],
);
