import { z } from "zod";
import {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  Cluster,
  ClusterChange,
  ClusterCredentials,
  ClusterSpec,
  ControlPlaneErrorBody,
  ControlPlaneHealth,
  Endpoint,
  EndpointChange,
  EndpointSpec,
  IssueClusterCredentialsInput,
  MeteringPage,
  Operation,
  ShapeCapacity,
} from "@/lib/domain/control-plane";
import { HardwareEvidence } from "@/lib/domain/evidence";
import { HeldReservation, ReleaseOutlook, ReservationAvailability, ReservationAvailabilityQuery, ReservationSpec } from "@/lib/domain/control-plane-reservations";
import { HealthEventPage, TelemetryPage } from "@/lib/domain/telemetry";
import { ScalingEventPage } from "@/lib/domain/scaling-events";

// The control plane's own OpenAPI 3.1 document, assembled from the same zod schemas the server
// validates with (z.toJSONSchema), so the document cannot drift from what is enforced.

const schemas = {
  ShapeCapacity: [ShapeCapacity, "output"],
  ClusterSpec: [ClusterSpec, "input"],
  ClusterChange: [ClusterChange, "input"],
  Cluster: [Cluster, "output"],
  IssueClusterCredentialsInput: [IssueClusterCredentialsInput, "input"],
  ClusterCredentials: [ClusterCredentials, "output"],
  EndpointSpec: [EndpointSpec, "input"],
  EndpointChange: [EndpointChange, "input"],
  Endpoint: [Endpoint, "output"],
  Operation: [Operation, "output"],
  ChatCompletionRequest: [ChatCompletionRequest, "input"],
  ChatCompletion: [ChatCompletion, "output"],
  ChatCompletionChunk: [ChatCompletionChunk, "output"],
  MeteringPage: [MeteringPage, "output"],
  HardwareEvidence: [HardwareEvidence, "output"],
  TelemetryPage: [TelemetryPage, "output"],
  HealthEventPage: [HealthEventPage, "output"],
  ScalingEventPage: [ScalingEventPage, "output"],
  ControlPlaneHealth: [ControlPlaneHealth, "output"],
  ReservationAvailabilityQuery: [ReservationAvailabilityQuery, "input"],
  ReservationAvailability: [ReservationAvailability, "output"],
  ReservationSpec: [ReservationSpec, "input"],
  HeldReservation: [HeldReservation, "output"],
  ReleaseOutlook: [ReleaseOutlook, "output"],
  Error: [ControlPlaneErrorBody, "output"],
} as const;

type SchemaName = keyof typeof schemas;

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { "application/json": { schema } } });
const errors = Object.fromEntries(
  [
    ["400", "validation_failed"],
    ["401", "unauthenticated (when the server requires a token)"],
    ["404", "not_found"],
    ["409", "conflict"],
    ["422", "capacity_unavailable, business_rule, idempotency_key_reused"],
    ["503", "control_plane_unavailable"],
  ].map(([status, description]) => [status, { description, ...json(ref("Error")) }]),
);
const idempotencyKey = { name: "Idempotency-Key", in: "header", required: true, schema: { type: "string", maxLength: 255 }, description: "A repeat returns the first operation." };
const pathId = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const queryParam = (name: string, required = false) => ({ name, in: "query", required, schema: { type: "string" } });
const accepted = { "202": { description: "The operation, to follow with GET /v1/operations/{id}", ...json(ref("Operation")) }, ...errors };
const ok = (name: SchemaName, array = false) => ({ "200": { description: "OK", ...json(array ? { type: "array", items: ref(name) } : ref(name)) }, ...errors });

let cached: object | undefined;

export function openApiDocument(): object {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "Hinoki GPU control plane",
      version: "1.0.0",
      description:
        "The interface between the Hinoki console and the GPU fleet: capacity, Kubernetes clusters and inference endpoints as long-running operations, cluster credentials, inference, metering and hardware evidence. Served here by the fleet simulator.",
    },
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).map(([name, [schema, io]]) => [name, z.toJSONSchema(schema as z.ZodType, { io, unrepresentable: "any" })])),
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Required when the server is started with CONTROL_PLANE_TOKEN." } },
    },
    security: [{ bearer: [] }, {}],
    paths: {
      "/health": { get: { summary: "Liveness and the control plane's clock", responses: ok("ControlPlaneHealth") } },
      "/v1/capacity": {
        get: { summary: "Capacity per zone and shape", parameters: ["regionId", "zoneId", "shapeId"].map((p) => queryParam(p)), responses: ok("ShapeCapacity", true) },
      },
      "/v1/clusters": {
        get: { summary: "A tenant's clusters", parameters: [queryParam("tenantId", true)], responses: ok("Cluster", true) },
        post: { summary: "Create a cluster (reserves its nodes at once)", parameters: [idempotencyKey], requestBody: json(ref("ClusterSpec")), responses: accepted },
      },
      "/v1/clusters/{clusterId}": {
        get: { summary: "A cluster, its nodes and their GPUs", parameters: [pathId("clusterId")], responses: ok("Cluster") },
        patch: { summary: "Scale, add or remove node pools; upgrade one minor version", parameters: [pathId("clusterId"), idempotencyKey], requestBody: json(ref("ClusterChange")), responses: accepted },
        delete: { summary: "Delete a cluster", parameters: [pathId("clusterId"), idempotencyKey], responses: accepted },
      },
      "/v1/clusters/{clusterId}/credentials": {
        post: {
          summary: "Issue a short-lived token with the cluster's CA",
          parameters: [pathId("clusterId")],
          requestBody: json(ref("IssueClusterCredentialsInput")),
          responses: { "201": { description: "Shown once", ...json(ref("ClusterCredentials")) }, ...errors },
        },
      },
      "/v1/endpoints": {
        get: { summary: "A tenant's inference endpoints", parameters: [queryParam("tenantId", true)], responses: ok("Endpoint", true) },
        post: { summary: "Create an inference endpoint", parameters: [idempotencyKey], requestBody: json(ref("EndpointSpec")), responses: accepted },
      },
      "/v1/endpoints/{endpointId}": {
        get: { summary: "An endpoint and its replicas", parameters: [pathId("endpointId")], responses: ok("Endpoint") },
        patch: { summary: "Change replicas or autoscaling", parameters: [pathId("endpointId"), idempotencyKey], requestBody: json(ref("EndpointChange")), responses: accepted },
        delete: { summary: "Delete an endpoint", parameters: [pathId("endpointId"), idempotencyKey], responses: accepted },
      },
      "/v1/endpoints/{endpointId}/chat/completions": {
        post: {
          summary: "OpenAI-compatible chat completion; `stream: true` answers with server-sent events (data: chunk … data: [DONE]). `workload=batch` meters it as Batch API work (the batch_tokens meter)",
          parameters: [pathId("endpointId"), { name: "workload", in: "query", required: false, schema: { type: "string", enum: ["interactive", "batch"] } }],
          requestBody: json(ref("ChatCompletionRequest")),
          responses: {
            "200": {
              description: "The completion, or a stream of chunks",
              content: { "application/json": { schema: ref("ChatCompletion") }, "text/event-stream": { schema: ref("ChatCompletionChunk") } },
            },
            ...errors,
          },
        },
      },
      "/v1/capacity/outlook": {
        get: { summary: "Capacity coming free in a zone for a shape: reservations ending and the observed release rate", parameters: [queryParam("zoneId", true), queryParam("shapeId", true)], responses: ok("ReleaseOutlook") },
      },
      "/v1/reservations/availability": {
        post: { summary: "Whether whole machines can be guaranteed for a window; if not, the earliest start that can", requestBody: json(ref("ReservationAvailabilityQuery")), responses: ok("ReservationAvailability") },
      },
      "/v1/reservations": {
        get: { summary: "A tenant's reservations", parameters: [queryParam("tenantId", true)], responses: ok("HeldReservation", true) },
        post: {
          summary: "Hold whole machines for a tenant over a window (the reservation id is the idempotency key); 422 capacity_unavailable with details.earliestStartAt when it cannot be guaranteed",
          requestBody: json(ref("ReservationSpec")),
          responses: { "201": { description: "Held", ...json(ref("HeldReservation")) }, ...errors },
        },
      },
      "/v1/reservations/{reservationId}": {
        get: { summary: "A reservation, its machines and the nodes in use on them", parameters: [pathId("reservationId")], responses: ok("HeldReservation") },
        delete: { summary: "Cancel before the start (a repeat returns the cancelled reservation)", parameters: [pathId("reservationId")], responses: ok("HeldReservation") },
      },
      "/v1/operations": {
        get: { summary: "A tenant's operations, newest first", parameters: [queryParam("tenantId", true), queryParam("targetId")], responses: ok("Operation", true) },
      },
      "/v1/operations/{operationId}": { get: { summary: "An operation and its steps", parameters: [pathId("operationId")], responses: ok("Operation") } },
      "/v1/metering": {
        get: { summary: "Metering records after a cursor, oldest first", parameters: [queryParam("cursor"), { ...queryParam("limit"), schema: { type: "integer", minimum: 1, maximum: 5000 } }], responses: ok("MeteringPage") },
      },
      "/v1/evidence/{resourceId}": { get: { summary: "Hardware evidence of a running cluster or endpoint", parameters: [pathId("resourceId")], responses: ok("HardwareEvidence") } },
      "/v1/telemetry": {
        get: { summary: "Per-GPU samples (DCGM exporter fields and labels) for whole closed windows after a cursor (the last window start read), oldest first", parameters: [queryParam("cursor"), { ...queryParam("limit"), schema: { type: "integer", minimum: 1, maximum: 50000 } }], responses: ok("TelemetryPage") },
      },
      "/v1/endpoints/{id}/scaling-events": {
        get: { summary: "The autoscaler's decisions about one endpoint's replicas, newest first", parameters: [pathId("id"), queryParam("cursor"), { ...queryParam("limit"), schema: { type: "integer", minimum: 1, maximum: 500 } }], responses: ok("ScalingEventPage") },
      },
      "/v1/health-events": {
        get: { summary: "Hardware health events (faults, cordons, node replacements) after a cursor, oldest first", parameters: [queryParam("cursor"), { ...queryParam("limit"), schema: { type: "integer", minimum: 1, maximum: 1000 } }], responses: ok("HealthEventPage") },
      },
    },
  };
  return cached;
}
