import { z } from "zod";
import { ApprovalRequestInput } from "./approvals";
import { OrderCostAllocation } from "./cost-centers";
import { KUBERNETES_VERSIONS } from "./catalog/kubernetes";
import { findShape, NVL72_TRAYS_PER_RACK } from "./catalog/shapes";
import { findZone } from "./catalog/regions";
import { Money, somethingToChange, Timestamp } from "./common";
import { ResourceNode, Taint } from "./control-plane";
import { ConsoleOperation } from "./operations";
import { QueueRequest } from "./queued-orders";
import { resourceListFields } from "./resource-list";

// Kubernetes clusters as the public API shows them (api.md, domain.md "Kubernetes clusters").
// The console keeps its own record of each order; the control plane's view (nodes, GPUs) is
// joined in where a page needs it.

/** A Kubernetes DNS label, short enough to prefix node host names (the control plane's rule). */
export const CLUSTER_NAME_PATTERN = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
export const ClusterName = z.string().regex(CLUSTER_NAME_PATTERN, "lowercase letters, digits and '-', 1–40 characters, starting with a letter");

const LabelKey = z.string().min(1).max(63).regex(/^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/, "label keys are letters, digits, '-', '_', '.', '/'");
const LabelValue = z.string().max(63).regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/, "label values are letters, digits, '-', '_', '.'");

export const AutoscalingBounds = z
  .object({ min: z.number().int().min(0).max(512), max: z.number().int().min(1).max(512) })
  .refine((a) => a.min <= a.max, { message: "min must not exceed max", path: ["min"] });
export type AutoscalingBounds = z.infer<typeof AutoscalingBounds>;

/** One node pool as the customer asks for it (the console chooses its id). */
export const NodePoolInput = z
  .object({
    name: ClusterName,
    shapeId: z.string().refine((id) => findShape(id) !== undefined, "unknown shape"),
    count: z.number().int().min(0).max(512),
    autoscaling: AutoscalingBounds.nullable().default(null),
    labels: z.record(LabelKey, LabelValue).default({}),
    taints: z.array(Taint).max(16).default([]),
    /** "rack": whole GB200 NVL72 racks (18 trays share one NVLink domain). */
    topology: z.enum(["rack"]).nullable().default(null),
    /** Draw the nodes from this active reservation of the org (same zone and shape) instead of on-demand capacity; billed at ¥0 inside it. */
    reservationId: z.string().max(64).nullable().default(null),
  })
  .superRefine((pool, ctx) => {
    const shape = findShape(pool.shapeId);
    if (pool.autoscaling && (pool.count < pool.autoscaling.min || pool.count > pool.autoscaling.max)) {
      ctx.addIssue({ code: "custom", path: ["count"], message: "count must lie within the autoscaling bounds" });
    }
    if (pool.topology === "rack") {
      if (shape && !shape.rackScale) ctx.addIssue({ code: "custom", path: ["topology"], message: "whole racks need the gb200-tray shape" });
      if (pool.count % NVL72_TRAYS_PER_RACK !== 0) ctx.addIssue({ code: "custom", path: ["count"], message: `whole racks: count must be a multiple of ${NVL72_TRAYS_PER_RACK}` });
      if (pool.autoscaling) ctx.addIssue({ code: "custom", path: ["autoscaling"], message: "a whole-rack pool does not autoscale" });
    }
  });
export type NodePoolInput = z.infer<typeof NodePoolInput>;
export type NodePoolInputDraft = z.input<typeof NodePoolInput>;

function uniquePoolNames(pools: { name: string }[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  pools.forEach((p, i) => {
    if (seen.has(p.name)) ctx.addIssue({ code: "custom", path: ["nodePools", i, "name"], message: "duplicate pool name" });
    seen.add(p.name);
  });
}

export const CreateClusterInput = z
  .object({
    name: ClusterName,
    zoneId: z.string().refine((id) => findZone(id) !== undefined, "unknown zone"),
    kubernetesVersion: z.enum(KUBERNETES_VERSIONS),
    controlPlane: z.enum(["single", "ha"]).default("single"),
    nodePools: z.array(NodePoolInput).min(1).max(16),
    network: z
      .object({ podCidr: z.string().max(43).default("10.244.0.0/16"), serviceCidr: z.string().max(43).default("10.96.0.0/12") })
      .default({ podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/12" }),
    /** Who pays (部門・プロジェクト) and the 発注番号; required when the org's policy says so. */
    ...OrderCostAllocation.shape,
    /** 空き待ち: if the zone has no room now, wait in its queue (all nodes at once) instead of failing. */
    queue: QueueRequest.optional(),
    /** 件名・目的 for a 稟議, required when an approval rule applies to this order. */
    approval: ApprovalRequestInput.optional(),
  })
  .superRefine((input, ctx) => uniquePoolNames(input.nodePools, ctx));
export type CreateClusterInput = z.infer<typeof CreateClusterInput>;
export type CreateClusterDraft = z.input<typeof CreateClusterInput>;

/** What the wizard sends while the form changes: anything may still be missing or wrong. */
export const ClusterPreflightInput = z.object({
  name: z.string().max(100).optional(),
  zoneId: z.string().max(40).optional(),
  kubernetesVersion: z.string().max(10).optional(),
  controlPlane: z.enum(["single", "ha"]).default("single"),
  nodePools: z
    .array(
      z.object({
        name: z.string().max(100).optional(),
        shapeId: z.string().max(40).optional(),
        count: z.number().int().min(0).max(512).default(0),
        autoscaling: z.object({ min: z.number().int().min(0).max(512), max: z.number().int().min(0).max(512) }).nullable().optional(),
        topology: z.enum(["rack"]).nullable().optional(),
        reservationId: z.string().max(64).nullable().optional(),
      }),
    )
    .max(16)
    .default([]),
  /** Preflight of a change to an existing cluster: its current holdings are not counted twice. */
  clusterId: z.string().max(64).optional(),
});
export type ClusterPreflightInput = z.input<typeof ClusterPreflightInput>;

export const UpdateClusterInput = z.object({
  /** Upgrades go one minor version at a time. */
  kubernetesVersion: z.enum(KUBERNETES_VERSIONS),
});
export type UpdateClusterInput = z.infer<typeof UpdateClusterInput>;

export const UpdateNodePoolInput = z
  .object({
    count: z.number().int().min(0).max(512).optional(),
    /** null turns autoscaling off. */
    autoscaling: AutoscalingBounds.nullable().optional(),
    /** 空き待ち: if the zone has no room for the added nodes now, wait for it instead of failing. */
    queue: QueueRequest.optional(),
  })
  .refine(...somethingToChange);
export type UpdateNodePoolInput = z.infer<typeof UpdateNodePoolInput>;

export const KubeconfigInput = z.object({
  /** Token lifetime; short by default (1 hour), at most 24 hours. */
  ttlSeconds: z.number().int().min(300).max(24 * 3600).default(3600),
});
export type KubeconfigInput = z.input<typeof KubeconfigInput>;

export const Kubeconfig = z.object({
  clusterId: z.string(),
  clusterName: z.string(),
  /** A standard `apiVersion: v1, kind: Config` document; shown once. */
  kubeconfig: z.string(),
  filename: z.string(),
  issuedAt: Timestamp,
  expiresAt: Timestamp,
});
export type Kubeconfig = z.infer<typeof Kubeconfig>;

export const ClusterStatus = z.enum(["queued", "provisioning", "running", "updating", "deleting", "deleted", "failed"]);
export type ClusterStatus = z.infer<typeof ClusterStatus>;

export const NodePool = z.object({
  id: z.string(),
  clusterId: z.string(),
  name: z.string(),
  shapeId: z.string(),
  count: z.number().int(),
  autoscaling: AutoscalingBounds.nullable(),
  labels: z.record(z.string(), z.string()),
  taints: z.array(Taint),
  topology: z.enum(["rack"]).nullable(),
  /** "adding" and "removing" while an operation changes the pool. */
  status: z.enum(["active", "adding", "removing", "removed"]),
  gpuCount: z.number().int(),
  pricePerHour: Money,
  createdAt: Timestamp,
});
export type NodePool = z.infer<typeof NodePool>;

export const ClusterCost = Money.extend({
  /** metered: rated usage from billing; estimated: hours held × list price (not yet metered). */
  source: z.enum(["metered", "estimated"]),
});
export type ClusterCost = z.infer<typeof ClusterCost>;

export const Cluster = z.object({
  id: z.string(),
  name: z.string(),
  status: ClusterStatus,
  regionId: z.string(),
  zoneId: z.string(),
  kubernetesVersion: z.string(),
  controlPlane: z.enum(["single", "ha"]),
  nodeCount: z.number().int(),
  gpuCount: z.number().int(),
  /** e.g. ["H100"]: GPU models the cluster's pools use. */
  gpuModels: z.array(z.string()),
  pricePerHour: Money,
  /** What it cost so far this month; null for a role that may not see spend (billing.read). */
  costThisMonth: ClusterCost.nullable(),
  failureReason: z.string().nullable(),
  /** The operation in flight, if any (progress and current step for the list and detail pages). */
  activeOperation: ConsoleOperation.nullable(),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Timestamp.nullable(),
});
export type Cluster = z.infer<typeof Cluster>;

export const ClusterDetail = Cluster.extend({
  apiServerUrl: z.string().nullable(),
  network: z.object({ podCidr: z.string(), serviceCidr: z.string() }),
  nodePools: z.array(NodePool),
  /** From the control plane; null when it cannot be reached right now. */
  nodes: z.array(ResourceNode).nullable(),
  /** What a failed launch gave back (nodes and GPUs), so the customer knows nothing is billed. */
  released: z.object({ nodes: z.number().int(), gpus: z.number().int(), at: Timestamp }).nullable(),
  /** The next Kubernetes minor version this cluster may upgrade to. */
  upgradeAvailable: z.string().nullable(),
});
export type ClusterDetail = z.infer<typeof ClusterDetail>;

export const ClusterListQuery = z.object({
  ...resourceListFields,
  status: z.enum(["queued", "provisioning", "running", "updating", "deleting", "deleted", "failed", "active"]).optional(),
});
export type ClusterListQuery = z.input<typeof ClusterListQuery>;

// ---------------------------------------------------------------- preflight (the wizard's live checks)

export const PreflightIssue = z.object({
  /** The field the issue concerns, e.g. "name", "zoneId", "nodePools.1.count". */
  field: z.string(),
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type PreflightIssue = z.infer<typeof PreflightIssue>;

export const PriceLine = z.object({
  kind: z.enum(["control_plane", "node_pool"]),
  label: z.string(),
  shapeId: z.string().nullable(),
  count: z.number().int(),
  unitPerHour: z.number().int(),
  listPerHour: z.number().int(),
  listPerMonth: z.number().int(),
  contractPerHour: z.number().nullable(),
});
export type PriceLine = z.infer<typeof PriceLine>;

export const ClusterQuote = z.object({
  currency: z.literal("JPY"),
  hoursPerMonth: z.number().int(),
  listPerHour: z.number().int(),
  listPerMonth: z.number().int(),
  /** With the org's contract discount, when a contract is in force; else null. */
  contractPerHour: z.number().nullable(),
  contractPerMonth: z.number().nullable(),
  discountPercent: z.number().nullable(),
  lines: z.array(PriceLine),
});
export type ClusterQuote = z.infer<typeof ClusterQuote>;

export const ZoneAvailability = z.object({
  regionId: z.string(),
  zoneId: z.string(),
  available: z.number().int(),
  fitsRequest: z.boolean(),
});

export const PoolCheck = z.object({
  index: z.number().int(),
  shapeId: z.string().nullable(),
  requested: z.number().int(),
  unit: z.enum(["node", "tray"]).nullable(),
  /** Free in the chosen zone (shared by pools of the same shape); null when unknown. */
  available: z.number().int().nullable(),
  level: z.enum(["available", "limited", "sold_out"]).nullable(),
  wholeRacksAvailable: z.number().int().nullable(),
  fits: z.boolean().nullable(),
  /** Zones within the residency policy where this pool would fit instead. */
  availableIn: z.array(ZoneAvailability),
});
export type PoolCheck = z.infer<typeof PoolCheck>;

export const QuotaCheck = z.object({
  regionId: z.string(),
  gpuModel: z.string(),
  limit: z.number().int(),
  inUse: z.number().int(),
  requested: z.number().int(),
  /** What would remain after this request (negative = over quota). */
  headroom: z.number().int(),
  fits: z.boolean(),
});
export type QuotaCheck = z.infer<typeof QuotaCheck>;

export const ClusterPreflight = z.object({
  ok: z.boolean(),
  issues: z.array(PreflightIssue),
  quote: ClusterQuote,
  pools: z.array(PoolCheck),
  quota: z.array(QuotaCheck),
  /** Zones the org's residency policy allows, with facility names for the zone picker. */
  allowedZoneIds: z.array(z.string()),
  /** False when capacity could not be read from the control plane right now. */
  capacityKnown: z.boolean(),
  /** The 稟議 rule this order would wait under (then approval.subject/purpose are required), or null. */
  approval: z.object({ policyId: z.string(), policyName: z.string(), stages: z.array(z.string()), expiresAfterDays: z.number().int(), monthlyJpy: z.number() }).nullable(),
});
export type ClusterPreflight = z.infer<typeof ClusterPreflight>;
