import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { DEFAULT_FLEET, type FleetEntry } from "@/lib/domain/catalog/fleet";
import { CapacityFilter as CapacityFilterSchema } from "@/lib/domain/control-plane";
import type {
  CapacityFilter,
  ChatCompletion,
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
import { notFound } from "@/lib/domain/errors";
import type { HardwareEvidence } from "@/lib/domain/evidence";
import type { HeldReservation, ReleaseOutlook, ReservationAvailability, ReservationAvailabilityQuery, ReservationSpecInput } from "@/lib/domain/control-plane-reservations";
import type { HardwareFault, HealthEventPage, TelemetryPage } from "@/lib/domain/telemetry";
import type { ControlPlane, InferOptions, InferStream } from "../control-plane";
import { parseInput } from "../validation";
import { queryCapacity } from "./capacity";
import { isManualClock, SystemClock, type Clock } from "./clock";
import * as clusters from "./clusters";
import { DEMO_TIMING, type FailureInjection, type SimConfig, type SimTiming } from "./config";
import type { SimContext } from "./context";
import { iso } from "./db";
import * as endpoints from "./endpoints";
import { advanceOperations } from "./engine";
import { getEvidence } from "./evidence";
import { completeReplacements, healthEventsSince, injectFault, injectLabelledFaults } from "./health";
import { telemetrySince } from "./telemetry";
import { infer } from "./inference";
import type { ScalingEventPage } from "@/lib/domain/scaling-events";
import { LoadTracker } from "./load-tracker";
import { ScalingWindows } from "./scaling-windows";
import { listScalingEvents } from "./scaling-events";
import { closeIntervals, initMetering, meteringSince, readWatermark } from "./metering";
import { autoscale, promoteReplicas } from "./replicas";
import { cpMeta, cpOperations } from "./schema";
import * as reservations from "./reservations";
import { endReservationNow, startReservationNow } from "./reservation-time-travel";
import { seedFleet } from "./seed";
import { toOperation } from "./steps";
import { UsageBuffer } from "./usage-buffer";

// The embedded control plane: a faithful model of the fleet, persisted in its own cp_* tables.
// Time moves through `tick()`: a background timer calls it (start()), a test calls `advance()`
// on a manual clock. All state is in the database, so closing and reopening on the same data —
// even in the middle of provisioning — resumes where it was.

export const SIMULATOR_VERSION = "hinoki-sim/1.0";

export interface SimulatorOptions {
  /** Embedded: the console's database. Standalone: a database of its own. */
  db: Db;
  clock?: Clock;
  timing?: Partial<SimTiming>;
  failures?: Partial<FailureInjection>;
  /** Defaults to the fleet of lib/domain/catalog/fleet.ts. */
  fleet?: readonly FleetEntry[];
  fleetScale?: number;
  cpuNodesPerZone?: number;
  meteringIntervalSeconds?: number;
  tickIntervalMs?: number;
  maxIntervalsPerTick?: number;
}

const CLOCK_KEY = "clock";

export class SimulatedControlPlane implements ControlPlane {
  readonly clock: Clock;
  readonly config: SimConfig;
  private readonly ctx: SimContext;
  private initialized?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private tickChain: Promise<void> = Promise.resolve();
  private tickRunning = false;

  constructor(options: SimulatorOptions) {
    this.clock = options.clock ?? new SystemClock();
    this.config = {
      timing: { ...DEMO_TIMING, ...options.timing },
      failures: { rate: 0, targets: [], ...options.failures },
      fleet: { entries: options.fleet ?? DEFAULT_FLEET, scale: options.fleetScale ?? 1, cpuNodesPerZone: options.cpuNodesPerZone ?? 32 },
      meteringIntervalSeconds: options.meteringIntervalSeconds ?? 60,
      tickIntervalMs: options.tickIntervalMs ?? 500,
      maxIntervalsPerTick: options.maxIntervalsPerTick ?? 120,
    };
    this.ctx = {
      db: options.db,
      clock: this.clock,
      config: this.config,
      usage: new UsageBuffer(this.config.meteringIntervalSeconds * 1000),
      load: new LoadTracker(),
      windows: new ScalingWindows(),
    };
  }

  /** Constructs and initializes (seeds the fleet on first open). */
  static async open(options: SimulatorOptions): Promise<SimulatedControlPlane> {
    const sim = new SimulatedControlPlane(options);
    await sim.ready();
    return sim;
  }

  /** Seeds the fleet and the metering watermark once; every call waits for it. */
  ready(): Promise<void> {
    this.initialized ??= (async () => {
      const db = this.ctx.db;
      await seedFleet(db, this.config.fleet);
      if (isManualClock(this.clock)) {
        // A manual clock never runs backwards across a restart (the HTTP server in test mode).
        const [saved] = await db.select().from(cpMeta).where(eq(cpMeta.key, CLOCK_KEY));
        if (saved) this.clock.set((saved.value as { nowMs: number }).nowMs);
      }
      await initMetering(db, this.clock.now(), this.config.meteringIntervalSeconds * 1000);
    })().catch((error) => {
      this.initialized = undefined;
      throw error;
    });
    return this.initialized;
  }

  // ------------------------------------------------------------------ time

  /** One pass of the simulator's clockwork. Calls are serialized, never interleaved. */
  tick(): Promise<void> {
    this.tickChain = this.tickChain.catch(() => undefined).then(() => this.runTick());
    return this.tickChain;
  }

  private async runTick(): Promise<void> {
    await this.ready();
    this.tickRunning = true;
    try {
      const nowMs = this.clock.now();
      const db = this.ctx.db;
      await promoteReplicas(this.ctx, nowMs);
      await advanceOperations(this.ctx, nowMs);
      await reservations.expireReservations(this.ctx, nowMs);
      await autoscale(this.ctx, nowMs);
      await completeReplacements(this.ctx, nowMs);
      await injectLabelledFaults(this.ctx);
      // Usage first, then close: everything served before `nowMs` is in before its interval closes.
      await this.ctx.usage.flush(db, await readWatermark(db));
      await closeIntervals(this.ctx, nowMs);
      if (isManualClock(this.clock)) {
        const value = { nowMs };
        await db.insert(cpMeta).values({ key: CLOCK_KEY, value }).onConflictDoUpdate({ target: cpMeta.key, set: { value } });
      }
    } finally {
      this.tickRunning = false;
    }
  }

  /** Manual clock only: moves time forward and runs everything that came due. */
  async advance(ms: number): Promise<void> {
    if (!isManualClock(this.clock)) throw new Error("advance() needs a ManualClock");
    this.clock.advance(ms);
    await this.tick();
  }

  /** Starts the background ticker (unref'd: it never keeps the process alive by itself). */
  start(intervalMs = this.config.tickIntervalMs): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.tickRunning) return;
      this.tick().catch((error) => console.error("[control-plane] tick failed:", error));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async close(): Promise<void> {
    this.stop();
    await this.tickChain.catch(() => undefined);
    // Write what inference usage is still in memory; at worst (database already gone) it is lost.
    if (this.initialized && !this.ctx.usage.isEmpty()) {
      try {
        await this.ctx.usage.flush(this.ctx.db, await readWatermark(this.ctx.db));
      } catch (error) {
        console.error("[control-plane] could not write the last inference usage on close:", error);
      }
    }
  }

  // ------------------------------------------------------------------ ControlPlane

  async getCapacity(filter?: CapacityFilter): Promise<ShapeCapacity[]> {
    await this.ready();
    return queryCapacity(this.ctx.db, parseInput(CapacityFilterSchema, filter ?? {}), this.clock.now());
  }

  async createCluster(spec: ClusterSpecInput, idempotencyKey: string): Promise<Operation> {
    await this.ready();
    return this.getOperation(await clusters.createCluster(this.ctx, spec, idempotencyKey));
  }

  async updateCluster(clusterId: string, change: ClusterChangeInput, idempotencyKey: string): Promise<Operation> {
    await this.ready();
    return this.getOperation(await clusters.updateCluster(this.ctx, clusterId, change, idempotencyKey));
  }

  async deleteCluster(clusterId: string, idempotencyKey: string): Promise<Operation> {
    await this.ready();
    return this.getOperation(await clusters.deleteCluster(this.ctx, clusterId, idempotencyKey));
  }

  async getCluster(clusterId: string): Promise<Cluster> {
    await this.ready();
    return clusters.getCluster(this.ctx, clusterId);
  }

  async listClusters(tenantId: string): Promise<Cluster[]> {
    await this.ready();
    return clusters.listClusters(this.ctx, tenantId);
  }

  async issueClusterCredentials(clusterId: string, ttlSeconds: number): Promise<ClusterCredentials> {
    await this.ready();
    return clusters.issueClusterCredentials(this.ctx, clusterId, ttlSeconds);
  }

  async createEndpoint(spec: EndpointSpecInput, idempotencyKey: string): Promise<Operation> {
    await this.ready();
    return this.getOperation(await endpoints.createEndpoint(this.ctx, spec, idempotencyKey));
  }

  async updateEndpoint(endpointId: string, change: EndpointChange, idempotencyKey: string): Promise<Operation> {
    await this.ready();
    return this.getOperation(await endpoints.updateEndpoint(this.ctx, endpointId, change, idempotencyKey));
  }

  async deleteEndpoint(endpointId: string, idempotencyKey: string): Promise<Operation> {
    await this.ready();
    return this.getOperation(await endpoints.deleteEndpoint(this.ctx, endpointId, idempotencyKey));
  }

  async getEndpoint(endpointId: string): Promise<Endpoint> {
    await this.ready();
    return endpoints.getEndpoint(this.ctx, endpointId);
  }

  async listEndpoints(tenantId: string): Promise<Endpoint[]> {
    await this.ready();
    return endpoints.listEndpoints(this.ctx, tenantId);
  }

  infer(endpointId: string, request: ChatCompletionRequest & { stream: true }, options?: InferOptions): Promise<InferStream>;
  infer(endpointId: string, request: ChatCompletionRequest & { stream?: false }, options?: InferOptions): Promise<ChatCompletion>;
  infer(endpointId: string, request: ChatCompletionRequest, options?: InferOptions): Promise<ChatCompletion | InferStream>;
  async infer(endpointId: string, request: ChatCompletionRequest, options: InferOptions = {}): Promise<ChatCompletion | InferStream> {
    await this.ready();
    return infer(this.ctx, endpointId, request, options.workload ?? "interactive");
  }

  async checkReservation(query: ReservationAvailabilityQuery): Promise<ReservationAvailability> {
    await this.ready();
    return reservations.checkAvailability(this.ctx, query);
  }

  async createReservation(spec: ReservationSpecInput): Promise<HeldReservation> {
    await this.ready();
    return reservations.createReservation(this.ctx, spec);
  }

  async getReservation(reservationId: string): Promise<HeldReservation> {
    await this.ready();
    return reservations.getReservation(this.ctx, reservationId);
  }

  async listReservations(tenantId: string): Promise<HeldReservation[]> {
    await this.ready();
    return reservations.listReservations(this.ctx, tenantId);
  }

  async cancelReservation(reservationId: string): Promise<HeldReservation> {
    await this.ready();
    return reservations.cancelReservation(this.ctx, reservationId);
  }

  /** Test-only (not on ControlPlane): a pending reservation starts now. See reservation-time-travel.ts. */
  async startReservationNowForTest(reservationId: string): Promise<HeldReservation> {
    await this.ready();
    return startReservationNow(this.ctx, reservationId);
  }

  /** Test-only (not on ControlPlane): an active reservation ends now. */
  async endReservationNowForTest(reservationId: string): Promise<HeldReservation> {
    await this.ready();
    return endReservationNow(this.ctx, reservationId);
  }

  async getReleaseOutlook(zoneId: string, shapeId: string): Promise<ReleaseOutlook> {
    await this.ready();
    return reservations.releaseOutlook(this.ctx, zoneId, shapeId);
  }

  async getOperation(operationId: string): Promise<Operation> {
    await this.ready();
    const [row] = await this.ctx.db.select().from(cpOperations).where(eq(cpOperations.id, operationId));
    if (!row) throw notFound("operation");
    return toOperation(row, this.clock.now());
  }

  async listOperations(tenantId: string, targetId?: string): Promise<Operation[]> {
    await this.ready();
    const where = targetId ? and(eq(cpOperations.tenantId, tenantId), eq(cpOperations.targetId, targetId)) : eq(cpOperations.tenantId, tenantId);
    const rows = await this.ctx.db.select().from(cpOperations).where(where).orderBy(desc(cpOperations.startedAt), desc(cpOperations.id)).limit(200);
    const nowMs = this.clock.now();
    return rows.map((r) => toOperation(r, nowMs));
  }

  async meteringSince(cursor: string | null, limit: number): Promise<MeteringPage> {
    await this.ready();
    return meteringSince(this.ctx.db, cursor, limit);
  }

  async getEvidence(resourceId: string): Promise<HardwareEvidence> {
    await this.ready();
    return getEvidence(this.ctx, resourceId);
  }

  async telemetrySince(cursor: string | null, limit: number): Promise<TelemetryPage> {
    await this.ready();
    return telemetrySince(this.ctx, cursor, Math.max(1, Math.min(50_000, limit)));
  }

  async listScalingEvents(endpointId: string, cursor: string | null, limit: number): Promise<ScalingEventPage> {
    await this.ready();
    return listScalingEvents(this.ctx, endpointId, cursor, limit);
  }

  async healthEventsSince(cursor: string | null, limit: number): Promise<HealthEventPage> {
    await this.ready();
    return healthEventsSince(this.ctx, cursor, limit);
  }

  /**
   * Fault injection (not part of ControlPlane: the operator's hardware does this by itself): a
   * GPU of the node reports the fault; the node is cordoned and replaced.
   */
  async injectHardwareFault(nodeId: string, fault: HardwareFault, gpuIndex?: number): Promise<void> {
    await this.ready();
    await injectFault(this.ctx, nodeId, fault, gpuIndex);
  }

  async health(): Promise<ControlPlaneHealth> {
    await this.ready();
    await this.ctx.db.execute(sql`select 1`);
    return { status: "ok", implementation: "simulator", version: SIMULATOR_VERSION, now: iso(this.clock.now()) };
  }
}
