import type {
  CapacityFilter,
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  Cluster,
  ClusterChangeInput,
  ClusterCredentials,
  ClusterSpecInput,
  ControlPlaneHealth,
  Endpoint,
  EndpointChange,
  EndpointSpecInput,
  MeteringPage,
  Operation,
  ShapeCapacity,
} from "@/lib/domain/control-plane";
import type { HardwareEvidence } from "@/lib/domain/evidence";
import type { HeldReservation, ReleaseOutlook, ReservationAvailability, ReservationAvailabilityQuery, ReservationSpecInput } from "@/lib/domain/control-plane-reservations";
import type { HealthEventPage, TelemetryPage } from "@/lib/domain/telemetry";
import type { ScalingEventPage } from "@/lib/domain/scaling-events";

// The one interface the console uses to reach the GPU fleet (architecture.md). Two
// implementations: the embedded simulator (lib/control-plane/sim) and the HTTP client for a
// remote control plane (lib/control-plane/http-client.ts). One contract suite tests both.
//
// Rules every implementation keeps:
// - Every mutating call takes an idempotency key. A repeat with the same key and the same
//   request returns the first operation; the same key with a different request is
//   `idempotency_key_reused`. A failed call (e.g. capacity_unavailable) is not remembered.
// - Long work returns an `Operation` at once; follow it with getOperation().
// - Errors are AppError: validation_failed, not_found, conflict, business_rule,
//   capacity_unavailable (details: CapacityUnavailableDetails — where the shape IS available),
//   idempotency_key_reused, control_plane_unavailable.
// - Lookups are by id alone: the control plane is the operator's system; the console scopes
//   every resource by org before it calls here.

export type InferStream = AsyncIterable<ChatCompletionChunk>;

/**
 * How a completion is metered. `batch`: work of the Batch API, logged on the `batch_tokens` meter
 * (billed at the batch discount). Only the console's batch runner says so; it is never part of
 * the OpenAI request body, so a gateway client cannot claim it.
 */
export interface InferOptions {
  workload?: "interactive" | "batch";
}

export interface ControlPlane {
  /** Capacity per zone and shape, optionally filtered. */
  getCapacity(filter?: CapacityFilter): Promise<ShapeCapacity[]>;

  /** Reserves the nodes at once (or fails with capacity_unavailable) and starts provisioning. */
  createCluster(spec: ClusterSpecInput, idempotencyKey: string): Promise<Operation>;
  /** Scale, add or remove node pools, and/or upgrade Kubernetes by one minor version. */
  updateCluster(clusterId: string, change: ClusterChangeInput, idempotencyKey: string): Promise<Operation>;
  deleteCluster(clusterId: string, idempotencyKey: string): Promise<Operation>;
  /** Also returns deleted and failed clusters (with the reason). */
  getCluster(clusterId: string): Promise<Cluster>;
  listClusters(tenantId: string): Promise<Cluster[]>;
  /** A fresh short-lived bearer token and the cluster's CA; the cluster must be running or updating. */
  issueClusterCredentials(clusterId: string, ttlSeconds: number): Promise<ClusterCredentials>;

  createEndpoint(spec: EndpointSpecInput, idempotencyKey: string): Promise<Operation>;
  updateEndpoint(endpointId: string, change: EndpointChange, idempotencyKey: string): Promise<Operation>;
  deleteEndpoint(endpointId: string, idempotencyKey: string): Promise<Operation>;
  getEndpoint(endpointId: string): Promise<Endpoint>;
  listEndpoints(tenantId: string): Promise<Endpoint[]>;

  /**
   * An OpenAI-style chat completion. With `stream: true` the promise resolves (after any cold
   * start) to an async iterable of chunks; otherwise to the whole completion. Errors that can be
   * known before the first token (not found, not running, capacity for a cold start) reject the
   * promise rather than the stream.
   */
  infer(endpointId: string, request: ChatCompletionRequest & { stream: true }, options?: InferOptions): Promise<InferStream>;
  infer(endpointId: string, request: ChatCompletionRequest & { stream?: false }, options?: InferOptions): Promise<ChatCompletion>;
  infer(endpointId: string, request: ChatCompletionRequest, options?: InferOptions): Promise<ChatCompletion | InferStream>;

  /** Whether whole machines can be guaranteed for a window; if not, the earliest start that can. */
  checkReservation(query: ReservationAvailabilityQuery): Promise<ReservationAvailability>;
  /**
   * Holds the machines at once, or fails with capacity_unavailable (details.earliestStartAt). The
   * reservation id is the idempotency key: a repeat of the same spec returns the same reservation.
   */
  createReservation(spec: ReservationSpecInput): Promise<HeldReservation>;
  getReservation(reservationId: string): Promise<HeldReservation>;
  listReservations(tenantId: string): Promise<HeldReservation[]>;
  /** Before its start only; a repeat returns the cancelled reservation. */
  cancelReservation(reservationId: string): Promise<HeldReservation>;
  /** Capacity coming free in a zone for a shape: known releases and the observed release rate. */
  getReleaseOutlook(zoneId: string, shapeId: string): Promise<ReleaseOutlook>;

  getOperation(operationId: string): Promise<Operation>;
  /** Newest first; `targetId` narrows to one cluster or endpoint. */
  listOperations(tenantId: string, targetId?: string): Promise<Operation[]>;

  /**
   * Metering records after `cursor` (null = from the beginning), oldest first. Records are
   * immutable and have stable ids; `nextCursor` is the position after the last one returned.
   */
  meteringSince(cursor: string | null, limit: number): Promise<MeteringPage>;

  /** Hardware identities of the nodes a running cluster or endpoint holds now. */
  getEvidence(resourceId: string): Promise<HardwareEvidence>;

  /**
   * Per-GPU samples (DCGM exporter fields) of every GPU held, for whole closed sample windows
   * after `cursor` (null = recent history), oldest first; `nextCursor` names the last window.
   */
  telemetrySince(cursor: string | null, limit: number): Promise<TelemetryPage>;

  /** The autoscaler's decisions about one endpoint's replicas, newest first; `cursor` from the previous page. */
  listScalingEvents(endpointId: string, cursor: string | null, limit: number): Promise<ScalingEventPage>;

  /** The fleet's hardware health events (faults, cordons, replacements) after `cursor`, in order. */
  healthEventsSince(cursor: string | null, limit: number): Promise<HealthEventPage>;

  health(): Promise<ControlPlaneHealth>;

  /** Stops timers and releases connections (the database handle stays the caller's). */
  close(): Promise<void>;
}

export function isInferStream(result: ChatCompletion | InferStream): result is InferStream {
  return typeof (result as InferStream)[Symbol.asyncIterator] === "function";
}
