import { z } from "zod";
import { findShape, NVL72_TRAYS_PER_RACK } from "./catalog/shapes";
import { KUBERNETES_VERSIONS } from "./catalog/kubernetes";
import { findModel, modelFitsShape } from "./catalog/models";
import { findZone } from "./catalog/regions";
import { MeteringRecord } from "./metering";

// The contract between the console and the GPU control plane (architecture.md, "The GPU control
// plane boundary"). The embedded simulator, the HTTP server and the HTTP client all validate
// against these schemas, and the control plane's OpenAPI document is generated from them.

const Timestamp = z.iso.datetime().describe("RFC 3339, UTC");
/** Ids chosen by the console (cluster, endpoint, pool) — opaque to the control plane. */
const ConsoleId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "1–64 letters, digits, '-' or '_'");
/** A Kubernetes DNS label, short enough to prefix node host names. */
const DnsLabel = z.string().regex(/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/, "lowercase letters, digits and '-', 1–40 characters, starting with a letter");

const knownZone = (id: string) => findZone(id) !== undefined;
const knownShape = (id: string) => findShape(id) !== undefined;

// ---------------------------------------------------------------- capacity

export const CapacityLevel = z.enum(["available", "limited", "sold_out"]);
export type CapacityLevel = z.infer<typeof CapacityLevel>;

export const ShapeCapacity = z.object({
  regionId: z.string(),
  zoneId: z.string(),
  shapeId: z.string(),
  /** Capacity is counted in nodes, except GB200 which is counted in trays (18 per NVL72 rack). */
  unit: z.enum(["node", "tray"]),
  total: z.number().int().nonnegative(),
  allocated: z.number().int().nonnegative(),
  available: z.number().int().nonnegative(),
  level: CapacityLevel,
  /** Racks with every tray free (what a `topology: "rack"` pool needs); null for other shapes. */
  wholeRacksAvailable: z.number().int().nonnegative().nullable(),
  /** Machines held for reservations (now or from a later start): never offered on demand. */
  reserved: z.number().int().nonnegative().default(0),
});
export type ShapeCapacity = z.infer<typeof ShapeCapacity>;

export const CapacityFilter = z.object({
  regionId: z.string().optional(),
  zoneId: z.string().optional(),
  shapeId: z.string().optional(),
});
export type CapacityFilter = z.infer<typeof CapacityFilter>;

/** `details` of a `capacity_unavailable` error: where the shape *is* available. */
export const CapacityUnavailableDetails = z.object({
  shapeId: z.string(),
  zoneId: z.string(),
  requested: z.number().int(),
  available: z.number().int(),
  topology: z.enum(["rack"]).nullable(),
  /** Other zones where the shape is available, and whether the whole request would fit there. */
  availableIn: z.array(
    z.object({
      regionId: z.string(),
      zoneId: z.string(),
      available: z.number().int(),
      wholeRacksAvailable: z.number().int().nullable(),
      fitsRequest: z.boolean(),
    }),
  ),
});
export type CapacityUnavailableDetails = z.infer<typeof CapacityUnavailableDetails>;

// ---------------------------------------------------------------- clusters

export const Taint = z.object({
  key: z.string().min(1).max(253),
  value: z.string().max(63).optional(),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
});
export type Taint = z.infer<typeof Taint>;

export const Autoscaling = z
  .object({ min: z.number().int().min(0).max(512), max: z.number().int().min(1).max(512) })
  .refine((a) => a.min <= a.max, { message: "autoscaling.min must not exceed autoscaling.max" });

export const NodePoolSpec = z
  .object({
    poolId: ConsoleId,
    name: DnsLabel,
    shapeId: z.string().refine(knownShape, "unknown shape"),
    count: z.number().int().min(0).max(512),
    autoscaling: Autoscaling.nullable().default(null),
    labels: z.record(z.string().max(63), z.string().max(63)).default({}),
    taints: z.array(Taint).max(16).default([]),
    /** "rack": every 18 trays share one GB200 NVL72 rack (one NVLink domain). */
    topology: z.enum(["rack"]).nullable().default(null),
    /** Draw the nodes from this reservation of the tenant (control-plane-reservations.ts) instead of on-demand capacity. */
    reservationId: ConsoleId.nullable().optional(),
  })
  .superRefine((pool, ctx) => {
    const shape = findShape(pool.shapeId);
    if (pool.autoscaling && (pool.count < pool.autoscaling.min || pool.count > pool.autoscaling.max)) {
      ctx.addIssue({ code: "custom", path: ["count"], message: "count must lie within autoscaling min..max" });
    }
    if (pool.topology === "rack") {
      if (shape && !shape.rackScale) {
        ctx.addIssue({ code: "custom", path: ["topology"], message: `topology "rack" needs a rack-scale shape (gb200-tray)` });
      }
      if (pool.count % NVL72_TRAYS_PER_RACK !== 0) {
        ctx.addIssue({ code: "custom", path: ["count"], message: `topology "rack" takes whole racks: count must be a multiple of ${NVL72_TRAYS_PER_RACK}` });
      }
      if (pool.autoscaling) {
        ctx.addIssue({ code: "custom", path: ["autoscaling"], message: `a topology "rack" pool does not autoscale` });
      }
    }
  });
export type NodePoolSpec = z.infer<typeof NodePoolSpec>;
export type NodePoolSpecInput = z.input<typeof NodePoolSpec>;

export const ClusterNetwork = z.object({
  podCidr: z.string().default("10.244.0.0/16"),
  serviceCidr: z.string().default("10.96.0.0/12"),
});
export type ClusterNetwork = z.infer<typeof ClusterNetwork>;

function uniquePools(pools: { poolId: string; name: string }[], ctx: z.RefinementCtx, path: string) {
  const ids = new Set<string>();
  const names = new Set<string>();
  pools.forEach((p, i) => {
    if (ids.has(p.poolId)) ctx.addIssue({ code: "custom", path: [path, i, "poolId"], message: "duplicate poolId" });
    if (names.has(p.name)) ctx.addIssue({ code: "custom", path: [path, i, "name"], message: "duplicate pool name" });
    ids.add(p.poolId);
    names.add(p.name);
  });
}

export const ClusterSpec = z
  .object({
    tenantId: ConsoleId,
    clusterId: ConsoleId,
    name: DnsLabel,
    zoneId: z.string().refine(knownZone, "unknown zone"),
    kubernetesVersion: z.enum(KUBERNETES_VERSIONS),
    controlPlane: z.enum(["single", "ha"]),
    nodePools: z.array(NodePoolSpec).min(1).max(16),
    network: ClusterNetwork.default({ podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/12" }),
  })
  .superRefine((spec, ctx) => uniquePools(spec.nodePools, ctx, "nodePools"));
export type ClusterSpec = z.infer<typeof ClusterSpec>;
export type ClusterSpecInput = z.input<typeof ClusterSpec>;

export const ScaleNodePool = z.object({
  poolId: ConsoleId,
  count: z.number().int().min(0).max(512),
  autoscaling: Autoscaling.nullable().optional(),
});

/** One change to a running cluster; the parts present are applied as one operation. */
export const ClusterChange = z
  .object({
    kubernetesVersion: z.enum(KUBERNETES_VERSIONS).optional(),
    addNodePools: z.array(NodePoolSpec).max(16).optional(),
    removeNodePoolIds: z.array(ConsoleId).max(16).optional(),
    scaleNodePools: z.array(ScaleNodePool).max(16).optional(),
  })
  .refine((c) => c.kubernetesVersion || c.addNodePools?.length || c.removeNodePoolIds?.length || c.scaleNodePools?.length, {
    message: "nothing to change",
  })
  .superRefine((c, ctx) => uniquePools(c.addNodePools ?? [], ctx, "addNodePools"));
export type ClusterChange = z.infer<typeof ClusterChange>;
export type ClusterChangeInput = z.input<typeof ClusterChange>;

// ---------------------------------------------------------------- resources

export const ResourceStatus = z.enum(["provisioning", "running", "updating", "deleting", "deleted", "failed"]);
export type ResourceStatus = z.infer<typeof ResourceStatus>;

export const NodeGpu = z.object({
  index: z.number().int().nonnegative(),
  model: z.string(),
  ueid: z.string().describe("serial of the GPU's attestation certificate"),
  boardSerial: z.string(),
  vbios: z.string(),
  driver: z.string(),
  ccMode: z.enum(["on", "off", "devtools"]),
});
export type NodeGpu = z.infer<typeof NodeGpu>;

/** A node of a cluster, or a replica of an endpoint, and the hardware it holds. */
export const ResourceNode = z.object({
  nodeId: z.string(),
  poolId: z.string().nullable(),
  shapeId: z.string(),
  zoneId: z.string(),
  /** The physical machine (an H100 node may host up to eight h100-1x nodes). */
  hostId: z.string(),
  rackId: z.string().nullable(),
  hostname: z.string(),
  status: z.enum(["provisioning", "ready", "draining"]),
  provisionedAt: Timestamp.nullable(),
  gpus: z.array(NodeGpu),
});
export type ResourceNode = z.infer<typeof ResourceNode>;

export const Cluster = z.object({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  regionId: z.string(),
  zoneId: z.string(),
  kubernetesVersion: z.string(),
  controlPlane: z.enum(["single", "ha"]),
  nodePools: z.array(NodePoolSpec),
  network: ClusterNetwork,
  status: ResourceStatus,
  failureReason: z.string().nullable(),
  apiServerUrl: z.string(),
  nodes: z.array(ResourceNode),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Timestamp.nullable(),
});
export type Cluster = z.infer<typeof Cluster>;

// ---------------------------------------------------------------- endpoints

const autoscalingFields = {
  /** What one replica is sized for: requests in flight, or output tokens per second. */
  metric: z.enum(["concurrent_requests", "tokens_per_second"]),
  target: z.number().positive().max(1_000_000),
  /** Stabilisation window up: the load must stay above the target this long before replicas are added. */
  scaleUpDelaySeconds: z.number().int().min(0).max(600),
  /** Stabilisation window down: the load must stay below what fewer replicas carry this long before they go. */
  scaleDownDelaySeconds: z.number().int().min(0).max(3_600),
  /** With minReplicas 0: after this long without a request the last replica is released. */
  scaleToZeroAfterSeconds: z.number().int().min(30).max(86_400),
};

export const EndpointAutoscaling = z.object({
  ...autoscalingFields,
  scaleUpDelaySeconds: autoscalingFields.scaleUpDelaySeconds.default(0),
  scaleDownDelaySeconds: autoscalingFields.scaleDownDelaySeconds.default(300),
  scaleToZeroAfterSeconds: autoscalingFields.scaleToZeroAfterSeconds.default(300),
});
/** A change of some settings; the others stay as they are. */
export const EndpointAutoscalingPatch = z.object(autoscalingFields).partial();
export type EndpointAutoscalingPatch = z.infer<typeof EndpointAutoscalingPatch>;
export type EndpointAutoscaling = z.infer<typeof EndpointAutoscaling>;
export type EndpointAutoscalingInput = z.input<typeof EndpointAutoscaling>;

export const DEFAULT_AUTOSCALING: EndpointAutoscaling = EndpointAutoscaling.parse({ metric: "concurrent_requests", target: 8 });

/** Settings stored before the delays existed read with their defaults. */
export function autoscalingOf(stored: unknown): EndpointAutoscaling {
  const parsed = EndpointAutoscaling.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_AUTOSCALING;
}

const replicaBounds = (e: { minReplicas?: number; maxReplicas?: number }) =>
  e.minReplicas === undefined || e.maxReplicas === undefined || e.minReplicas <= e.maxReplicas;

export const EndpointSpec = z
  .object({
    tenantId: ConsoleId,
    endpointId: ConsoleId,
    /** Names its replicas' hosts; derived from the endpoint id when absent. */
    name: DnsLabel.optional(),
    modelId: z.string().refine((id) => findModel(id) !== undefined, "unknown model"),
    shapeId: z.string().refine(knownShape, "unknown shape"),
    zoneId: z.string().refine(knownZone, "unknown zone"),
    /** 0 = scale to zero: no GPU is held while idle, the first request waits for a cold start. */
    minReplicas: z.number().int().min(0).max(64),
    maxReplicas: z.number().int().min(1).max(64),
    autoscaling: EndpointAutoscaling.default(DEFAULT_AUTOSCALING),
  })
  .refine(replicaBounds, { message: "minReplicas must not exceed maxReplicas", path: ["minReplicas"] })
  .refine((e) => modelFitsShape(e.modelId, e.shapeId), { message: "the model does not fit this shape", path: ["shapeId"] });
export type EndpointSpec = z.infer<typeof EndpointSpec>;
export type EndpointSpecInput = z.input<typeof EndpointSpec>;

export const EndpointAdapterChange = z.discriminatedUnion("action", [
  z.object({ action: z.literal("attach"), id: z.string().min(1).max(64), name: z.string().min(1).max(40), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ action: z.literal("detach"), id: z.string().min(1).max(64) }),
]);
export type EndpointAdapterChange = z.infer<typeof EndpointAdapterChange>;

export const EndpointChange = z
  .object({
    minReplicas: z.number().int().min(0).max(64).optional(),
    maxReplicas: z.number().int().min(1).max(64).optional(),
    autoscaling: EndpointAutoscaling.optional(),
    /** Load (attach) or unload (detach) one LoRA adapter on every replica. */
    adapter: EndpointAdapterChange.optional(),
  })
  .refine((c) => c.minReplicas !== undefined || c.maxReplicas !== undefined || c.autoscaling !== undefined || c.adapter !== undefined, { message: "nothing to change" })
  .refine(replicaBounds, { message: "minReplicas must not exceed maxReplicas", path: ["minReplicas"] });
export type EndpointChange = z.infer<typeof EndpointChange>;

export const Endpoint = z.object({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  modelId: z.string(),
  shapeId: z.string(),
  regionId: z.string(),
  zoneId: z.string(),
  minReplicas: z.number().int(),
  maxReplicas: z.number().int(),
  autoscaling: EndpointAutoscaling,
  status: ResourceStatus,
  failureReason: z.string().nullable(),
  /** Replicas holding GPUs now, and how many of them serve requests. */
  replicas: z.object({ current: z.number().int(), ready: z.number().int() }),
  /** What a request to a scaled-to-zero endpoint waits, in this control plane's timing. */
  coldStartSeconds: z.number().nonnegative(),
  /** True in the simulator: the "model" answers with deterministic text (say so in the UI). */
  simulated: z.boolean(),
  nodes: z.array(ResourceNode),
  lastRequestAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Timestamp.nullable(),
});
export type Endpoint = z.infer<typeof Endpoint>;

// ---------------------------------------------------------------- operations

export const OperationKind = z.enum([
  "cluster.create",
  "cluster.update",
  "cluster.delete",
  "endpoint.create",
  "endpoint.update",
  "endpoint.delete",
]);
export type OperationKind = z.infer<typeof OperationKind>;

export const OperationStep = z.object({
  /** A stable id such as "allocating_nodes" (the UI translates it). */
  name: z.string(),
  status: z.enum(["pending", "running", "succeeded", "failed", "skipped"]),
});
export type OperationStep = z.infer<typeof OperationStep>;

export const Operation = z.object({
  id: z.string(),
  tenantId: z.string(),
  kind: OperationKind,
  target: z.object({ kind: z.enum(["cluster", "endpoint"]), id: z.string() }),
  status: z.enum(["running", "succeeded", "failed"]),
  progress: z.number().int().min(0).max(100),
  steps: z.array(OperationStep),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type Operation = z.infer<typeof Operation>;

// ---------------------------------------------------------------- credentials

export const IssueClusterCredentialsInput = z.object({
  ttlSeconds: z.number().int().min(60).max(7 * 24 * 3600),
});

export const ClusterCredentials = z.object({
  clusterId: z.string(),
  clusterName: z.string(),
  apiServerUrl: z.string(),
  /** The cluster's own X.509 CA certificate (PEM), generated when the cluster was created. */
  certificateAuthorityPem: z.string(),
  /** A bearer token for `kubectl`; shown once, valid until `expiresAt`. */
  token: z.string(),
  user: z.string(),
  issuedAt: Timestamp,
  expiresAt: Timestamp,
});
export type ClusterCredentials = z.infer<typeof ClusterCredentials>;

// ---------------------------------------------------------------- inference (OpenAI subset)

export const ChatMessage = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string().max(200_000),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatCompletionRequest = z.object({
  model: z.string().optional(),
  messages: z.array(ChatMessage).min(1).max(256),
  max_tokens: z.number().int().min(1).max(8192).optional(),
  temperature: z.number().min(0).max(2).optional(),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
  user: z.string().max(256).optional(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequest>;

export const CompletionUsage = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative(),
});
export type CompletionUsage = z.infer<typeof CompletionUsage>;

const FinishReason = z.enum(["stop", "length"]);

export const ChatCompletion = z.object({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: z.number().int().describe("unix seconds"),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({ role: z.literal("assistant"), content: z.string() }),
      finish_reason: FinishReason,
    }),
  ),
  usage: CompletionUsage,
});
export type ChatCompletion = z.infer<typeof ChatCompletion>;

export const ChatCompletionChunk = z.object({
  id: z.string(),
  object: z.literal("chat.completion.chunk"),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      delta: z.object({ role: z.literal("assistant").optional(), content: z.string().optional() }),
      finish_reason: FinishReason.nullable(),
    }),
  ),
  /** Present on the last chunk when `stream_options.include_usage` is set (OpenAI's rule). */
  usage: CompletionUsage.nullable().optional(),
});
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunk>;

// ---------------------------------------------------------------- metering, health, errors

export const MeteringPage = z.object({
  records: z.array(MeteringRecord),
  /** Pass back to get the records after these; unchanged when there was nothing new. */
  nextCursor: z.string(),
});
export type MeteringPage = z.infer<typeof MeteringPage>;

export const ControlPlaneHealth = z.object({
  status: z.enum(["ok", "degraded"]),
  implementation: z.enum(["simulator", "remote"]),
  version: z.string(),
  now: Timestamp.describe("the control plane's clock"),
});
export type ControlPlaneHealth = z.infer<typeof ControlPlaneHealth>;

export const ControlPlaneErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
export type ControlPlaneErrorBody = z.infer<typeof ControlPlaneErrorBody>;
