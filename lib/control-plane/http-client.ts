import "server-only";
import { z } from "zod";
import {
  ChatCompletion,
  ChatCompletionChunk,
  Cluster,
  ClusterCredentials,
  ControlPlaneHealth,
  Endpoint,
  MeteringPage,
  Operation,
  ShapeCapacity,
  type CapacityFilter,
  type ChatCompletionRequest,
  type ClusterChangeInput,
  type ClusterSpecInput,
  type EndpointChange,
  type EndpointSpecInput,
} from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import { HardwareEvidence } from "@/lib/domain/evidence";
import { HeldReservation, ReleaseOutlook, ReservationAvailability, type ReservationAvailabilityQuery, type ReservationSpecInput } from "@/lib/domain/control-plane-reservations";
import { HealthEventPage, TelemetryPage } from "@/lib/domain/telemetry";
import { ScalingEventPage } from "@/lib/domain/scaling-events";
import type { ControlPlane, InferOptions, InferStream } from "./control-plane";
import { readSse, toAppError } from "./sse";

// The ControlPlane over HTTP, for a remote control plane (CONTROL_PLANE_URL).
//
// - Every attempt has a timeout.
// - Idempotent calls (GETs, and mutations, which all carry an idempotency key) are retried with
//   exponential backoff and jitter on network errors, timeouts and 502/503/504. A mutation whose
//   response was lost is therefore repeated with the same key, and the server answers with the
//   first operation: nothing is done twice.
// - Other calls (inference, credentials) are retried only when the connection was refused,
//   i.e. when the request certainly never arrived.
// - When the control plane cannot be reached, the error is AppError("control_plane_unavailable").
// - Responses are validated against the domain schemas: a drifted contract fails loudly here.

export interface HttpControlPlaneOptions {
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` (CONTROL_PLANE_TOKEN). */
  token?: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Per attempt for inference, which may wait for a cold start. */
  inferTimeoutMs?: number;
  /** Extra attempts after the first, for calls that may be retried. */
  retries?: number;
  /** First backoff; doubles per attempt, with up to 50 % jitter… */
  backoffMs?: number;
  /** …up to this. */
  maxBackoffMs?: number;
}

interface Call {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Safe to send twice. */
  idempotent: boolean;
  timeoutMs?: number;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** The network-level reason of a failed fetch, e.g. ECONNREFUSED. */
function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if ((e as { name?: string }).name === "TimeoutError" || (e as { name?: string }).name === "AbortError") return "TIMEOUT";
  }
  return undefined;
}

class Unavailable extends Error {
  constructor(
    readonly reason: string,
    readonly refused: boolean,
  ) {
    super(reason);
  }
}

export class HttpControlPlane implements ControlPlane {
  private readonly baseUrl: string;
  private readonly options: Required<Omit<HttpControlPlaneOptions, "token" | "baseUrl">> & { token?: string };

  constructor(options: HttpControlPlaneOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.options = {
      token: options.token,
      timeoutMs: options.timeoutMs ?? 10_000,
      inferTimeoutMs: options.inferTimeoutMs ?? 120_000,
      retries: options.retries ?? 3,
      backoffMs: options.backoffMs ?? 100,
      maxBackoffMs: options.maxBackoffMs ?? 5_000,
    };
  }

  /** One HTTP exchange; throws Unavailable for anything that says "could not reach it". */
  private async attempt(call: Call): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json, text/event-stream" };
    if (call.body !== undefined) headers["content-type"] = "application/json";
    if (call.idempotencyKey) headers["idempotency-key"] = call.idempotencyKey;
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${call.path}`, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(call.timeoutMs ?? this.options.timeoutMs),
      });
    } catch (error) {
      const code = networkCode(error) ?? "NETWORK";
      throw new Unavailable(code === "TIMEOUT" ? "timed out" : code, code === "ECONNREFUSED");
    }
    if (RETRYABLE_STATUS.has(response.status)) {
      const text = await response.text().catch(() => "");
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      // A 503 that is the control plane's own answer (e.g. its database is down) is still an outage.
      const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message;
      throw new Unavailable(`HTTP ${response.status}${message ? `: ${message}` : ""}`, false);
    }
    return response;
  }

  private async send(call: Call): Promise<Response> {
    let lastReason = "unknown";
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) {
        const base = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** (attempt - 1));
        await new Promise((resolve) => setTimeout(resolve, base + Math.random() * base * 0.5));
      }
      try {
        return await this.attempt(call);
      } catch (error) {
        if (!(error instanceof Unavailable)) throw error;
        lastReason = error.reason;
        if (!call.idempotent && !error.refused) break;
      }
    }
    throw new AppError("control_plane_unavailable", `the control plane at ${this.baseUrl} is unavailable (${lastReason})`, { reason: lastReason });
  }

  private async json<T>(schema: z.ZodType<T>, call: Call): Promise<T> {
    const response = await this.send(call);
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new AppError("control_plane_unavailable", `the control plane answered HTTP ${response.status} with a body that is not JSON`);
    }
    if (!response.ok) throw toAppError(body as never);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new AppError("internal", `the control plane's answer to ${call.method} ${call.path} does not match the contract: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  private get<T>(schema: z.ZodType<T>, path: string): Promise<T> {
    return this.json(schema, { method: "GET", path, idempotent: true });
  }

  private mutate(method: Call["method"], path: string, body: unknown, idempotencyKey: string): Promise<z.infer<typeof Operation>> {
    if (!idempotencyKey) throw new AppError("validation_failed", "an idempotency key is required");
    return this.json(Operation, { method, path, body, idempotencyKey, idempotent: true });
  }

  getCapacity(filter: CapacityFilter = {}) {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string"));
    return this.get(z.array(ShapeCapacity), `/v1/capacity${query.size ? `?${query}` : ""}`);
  }

  createCluster(spec: ClusterSpecInput, idempotencyKey: string) {
    return this.mutate("POST", "/v1/clusters", spec, idempotencyKey);
  }

  updateCluster(clusterId: string, change: ClusterChangeInput, idempotencyKey: string) {
    return this.mutate("PATCH", `/v1/clusters/${encodeURIComponent(clusterId)}`, change, idempotencyKey);
  }

  deleteCluster(clusterId: string, idempotencyKey: string) {
    return this.mutate("DELETE", `/v1/clusters/${encodeURIComponent(clusterId)}`, undefined, idempotencyKey);
  }

  getCluster(clusterId: string) {
    return this.get(Cluster, `/v1/clusters/${encodeURIComponent(clusterId)}`);
  }

  listClusters(tenantId: string) {
    return this.get(z.array(Cluster), `/v1/clusters?tenantId=${encodeURIComponent(tenantId)}`);
  }

  issueClusterCredentials(clusterId: string, ttlSeconds: number) {
    return this.json(ClusterCredentials, { method: "POST", path: `/v1/clusters/${encodeURIComponent(clusterId)}/credentials`, body: { ttlSeconds }, idempotent: false });
  }

  createEndpoint(spec: EndpointSpecInput, idempotencyKey: string) {
    return this.mutate("POST", "/v1/endpoints", spec, idempotencyKey);
  }

  updateEndpoint(endpointId: string, change: EndpointChange, idempotencyKey: string) {
    return this.mutate("PATCH", `/v1/endpoints/${encodeURIComponent(endpointId)}`, change, idempotencyKey);
  }

  deleteEndpoint(endpointId: string, idempotencyKey: string) {
    return this.mutate("DELETE", `/v1/endpoints/${encodeURIComponent(endpointId)}`, undefined, idempotencyKey);
  }

  getEndpoint(endpointId: string) {
    return this.get(Endpoint, `/v1/endpoints/${encodeURIComponent(endpointId)}`);
  }

  listEndpoints(tenantId: string) {
    return this.get(z.array(Endpoint), `/v1/endpoints?tenantId=${encodeURIComponent(tenantId)}`);
  }

  infer(endpointId: string, request: ChatCompletionRequest & { stream: true }, options?: InferOptions): Promise<InferStream>;
  infer(endpointId: string, request: ChatCompletionRequest & { stream?: false }, options?: InferOptions): Promise<ChatCompletion>;
  infer(endpointId: string, request: ChatCompletionRequest, options?: InferOptions): Promise<ChatCompletion | InferStream>;
  async infer(endpointId: string, request: ChatCompletionRequest, options: InferOptions = {}): Promise<ChatCompletion | InferStream> {
    const call: Call = {
      method: "POST",
      path: `/v1/endpoints/${encodeURIComponent(endpointId)}/chat/completions${options.workload === "batch" ? "?workload=batch" : ""}`,
      body: request,
      idempotent: false,
      timeoutMs: this.options.inferTimeoutMs,
    };
    if (!request.stream) return this.json(ChatCompletion, call);
    const response = await this.send(call);
    if (!response.ok || !response.headers.get("content-type")?.startsWith("text/event-stream") || !response.body) {
      const body = await response.json().catch(() => ({}));
      throw toAppError(body as never);
    }
    const chunks = readSse<unknown>(response.body);
    return (async function* validated() {
      for await (const chunk of chunks) yield ChatCompletionChunk.parse(chunk);
    })();
  }

  checkReservation(query: ReservationAvailabilityQuery) {
    return this.json(ReservationAvailability, { method: "POST", path: "/v1/reservations/availability", body: query, idempotent: true });
  }

  createReservation(spec: ReservationSpecInput) {
    // Safe to retry: the reservation id is the key, a repeat of the same spec returns the same one.
    return this.json(HeldReservation, { method: "POST", path: "/v1/reservations", body: spec, idempotent: true });
  }

  getReservation(reservationId: string) {
    return this.get(HeldReservation, `/v1/reservations/${encodeURIComponent(reservationId)}`);
  }

  listReservations(tenantId: string) {
    return this.get(z.array(HeldReservation), `/v1/reservations?tenantId=${encodeURIComponent(tenantId)}`);
  }

  cancelReservation(reservationId: string) {
    return this.json(HeldReservation, { method: "DELETE", path: `/v1/reservations/${encodeURIComponent(reservationId)}`, idempotent: true });
  }

  getReleaseOutlook(zoneId: string, shapeId: string) {
    return this.get(ReleaseOutlook, `/v1/capacity/outlook?${new URLSearchParams({ zoneId, shapeId })}`);
  }

  getOperation(operationId: string) {
    return this.get(Operation, `/v1/operations/${encodeURIComponent(operationId)}`);
  }

  listOperations(tenantId: string, targetId?: string) {
    const query = new URLSearchParams({ tenantId, ...(targetId ? { targetId } : {}) });
    return this.get(z.array(Operation), `/v1/operations?${query}`);
  }

  meteringSince(cursor: string | null, limit: number) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    return this.get(MeteringPage, `/v1/metering?${query}`);
  }

  getEvidence(resourceId: string) {
    return this.get(HardwareEvidence, `/v1/evidence/${encodeURIComponent(resourceId)}`);
  }

  telemetrySince(cursor: string | null, limit: number) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    return this.get(TelemetryPage, `/v1/telemetry?${query}`);
  }

  listScalingEvents(endpointId: string, cursor: string | null, limit: number) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    return this.get(ScalingEventPage, `/v1/endpoints/${encodeURIComponent(endpointId)}/scaling-events?${query}`);
  }

  healthEventsSince(cursor: string | null, limit: number) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    return this.get(HealthEventPage, `/v1/health-events?${query}`);
  }

  async health() {
    const health = await this.get(ControlPlaneHealth, "/health");
    return { ...health, implementation: "remote" as const };
  }

  async close(): Promise<void> {
    // fetch keeps no per-client state worth closing.
  }
}
