import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { findModel } from "@/lib/domain/catalog/models";
import { findZone } from "@/lib/domain/catalog/regions";
import { maxAdaptersOf } from "@/lib/domain/adapters/adapter-capacity";
import { EndpointChange, EndpointSpec, type EndpointAdapterChange, type Endpoint, type EndpointSpecInput } from "@/lib/domain/control-plane";
import { AppError, notFound } from "@/lib/domain/errors";
import { parseInput } from "../validation";
import { explainingCapacity } from "./capacity";
import type { SimContext } from "./context";
import type { EndpointUpdatePayload } from "./engine";
import { shouldFail } from "./failures";
import { requestHash, runIdempotent } from "./idempotency";
import { reserve } from "./placement";
import { cpEndpoints, cpOperations, cpPlacements } from "./schema";
import { bootStepIndex, planEndpointCreate, planEndpointDelete, planEndpointUpdate, startSteps } from "./steps";
import { endpointReplicaNamer, loadNodes, toEndpoint, type EndpointRow } from "./views";

// Inference endpoints: create, change, delete, read. Replicas come and go outside operations
// too (cold starts, autoscaling): see replicas.ts.

const conflict = (message: string) => new AppError("conflict", message);

/** "ep_01JD…" → "ep-01jd…": a DNS label for replica host names when the spec has no name. */
function dnsLabelOf(id: string): string {
  const label = id.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^[^a-z]+/, "").slice(0, 40).replace(/-+$/, "");
  return label || "endpoint";
}

export async function lockEndpoint(tx: DbOrTx, endpointId: string): Promise<EndpointRow> {
  const [row] = await tx.select().from(cpEndpoints).where(eq(cpEndpoints.id, endpointId)).for("update");
  if (!row) throw notFound("endpoint");
  return row;
}

/** Replicas holding GPUs and not on their way out, newest first. */
export async function liveReplicas(tx: DbOrTx, endpointId: string) {
  return tx
    .select()
    .from(cpPlacements)
    .where(and(eq(cpPlacements.resourceId, endpointId), inArray(cpPlacements.state, ["reserved", "booting", "ready"])))
    .orderBy(desc(cpPlacements.id));
}

export async function createEndpoint(ctx: SimContext, input: EndpointSpecInput, key: string): Promise<string> {
  const spec = parseInput(EndpointSpec, input);
  const zone = findZone(spec.zoneId)!;
  const model = findModel(spec.modelId)!;
  const name = spec.name ?? dnsLabelOf(spec.endpointId);
  const nowMs = ctx.clock.now();
  const now = new Date(nowMs);

  return explainingCapacity(ctx, () =>
    runIdempotent(
      ctx,
      key,
      requestHash("endpoint.create", spec.endpointId, spec),
      async (tx, operationId) => {
        const [existing] = await tx.select({ id: cpEndpoints.id }).from(cpEndpoints).where(eq(cpEndpoints.id, spec.endpointId));
        if (existing) throw conflict(`endpoint ${spec.endpointId} already exists`);
        await tx.insert(cpEndpoints).values({
          id: spec.endpointId,
          tenantId: spec.tenantId,
          name,
          modelId: spec.modelId,
          shapeId: spec.shapeId,
          regionId: zone.regionId,
          zoneId: zone.id,
          minReplicas: spec.minReplicas,
          maxReplicas: spec.maxReplicas,
          autoscaling: spec.autoscaling,
          status: "provisioning",
          createdAt: now,
          updatedAt: now,
        });
        await reserve(tx, {
          resourceId: spec.endpointId,
          resourceKind: "endpoint",
          tenantId: spec.tenantId,
          poolId: null,
          operationId,
          shapeId: spec.shapeId,
          regionId: zone.regionId,
          zoneId: zone.id,
          count: spec.minReplicas,
          topology: null,
          state: "reserved",
          at: now,
        });
        const steps = planEndpointCreate(ctx.config.timing, { replicas: spec.minReplicas, coldStartSeconds: model.coldStartSeconds });
        const { currentStep, dueAt } = startSteps(steps, nowMs);
        await tx.insert(cpOperations).values({
          id: operationId,
          tenantId: spec.tenantId,
          kind: "endpoint.create",
          targetKind: "endpoint",
          targetId: spec.endpointId,
          status: "running",
          steps,
          currentStep,
          stepStartedAt: now,
          dueAt,
          failAtStep: spec.minReplicas > 0 && shouldFail(ctx.config.failures, { id: spec.endpointId, name }, operationId) ? bootStepIndex(steps) : null,
          startedAt: now,
        });
      },
      () => conflict(`endpoint ${spec.endpointId} already exists`),
    ),
  );
}

/**
 * Loading or unloading one LoRA adapter on every replica: the replicas keep serving (an adapter
 * is small beside its base model), so it is done at once, beside any replica change in progress,
 * and its operation is finished when it is returned.
 */
async function loadAdapter(ctx: SimContext, endpointId: string, change: EndpointAdapterChange, key: string): Promise<string> {
  const now = new Date(ctx.clock.now());
  return runIdempotent(
    ctx,
    key,
    requestHash("endpoint.update", endpointId, { adapter: change }),
    async (tx, operationId) => {
      const row = await lockEndpoint(tx, endpointId);
      if (row.status !== "running" && row.status !== "updating") throw conflict(`endpoint is ${row.status}; adapters load while it is running`);
      await tx.update(cpEndpoints).set({ adapters: nextAdapters(row, change), updatedAt: now }).where(eq(cpEndpoints.id, endpointId));
      const step = change.action === "attach" ? "loading_adapter" : "unloading_adapter";
      await tx.insert(cpOperations).values({
        id: operationId,
        tenantId: row.tenantId,
        kind: "endpoint.update",
        targetKind: "endpoint",
        targetId: endpointId,
        status: "succeeded",
        steps: [{ name: step, status: "succeeded", durationMs: 0 }],
        currentStep: 0,
        stepStartedAt: now,
        dueAt: null,
        payload: { adapter: change },
        startedAt: now,
        finishedAt: now,
      });
    },
    () => conflict("conflicting adapter change"),
  );
}

/** The endpoint's adapters after loading or unloading one; past the shape's bound is a conflict. */
function nextAdapters(row: typeof cpEndpoints.$inferSelect, change: EndpointAdapterChange): typeof row.adapters {
  const others = row.adapters.filter((a) => a.id !== change.id);
  if (change.action === "detach") return others;
  const max = maxAdaptersOf(row.shapeId);
  if (others.length >= max) throw conflict(`a ${row.shapeId} endpoint serves at most ${max} adapters`);
  return [...others, { id: change.id, name: change.name, sha256: change.sha256 }];
}

export async function updateEndpoint(ctx: SimContext, endpointId: string, input: EndpointChange, key: string): Promise<string> {
  const change = parseInput(EndpointChange, input);
  if (change.adapter && change.minReplicas === undefined && change.maxReplicas === undefined && change.autoscaling === undefined) {
    return loadAdapter(ctx, endpointId, change.adapter, key);
  }
  const nowMs = ctx.clock.now();
  const now = new Date(nowMs);

  return explainingCapacity(ctx, () =>
    runIdempotent(
      ctx,
      key,
      requestHash("endpoint.update", endpointId, change),
      async (tx, operationId) => {
        const row = await lockEndpoint(tx, endpointId);
        if (row.status !== "running") throw conflict(`endpoint is ${row.status}; changes wait until it is running`);
        const minReplicas = change.minReplicas ?? row.minReplicas;
        const maxReplicas = change.maxReplicas ?? row.maxReplicas;
        if (minReplicas > maxReplicas) throw new AppError("validation_failed", "minReplicas must not exceed maxReplicas");
        const live = await liveReplicas(tx, endpointId);
        const add = Math.max(0, minReplicas - live.length);
        const draining = live.slice(0, Math.max(0, live.length - maxReplicas)).map((r) => r.id);

        await reserve(tx, {
          resourceId: endpointId,
          resourceKind: "endpoint",
          tenantId: row.tenantId,
          poolId: null,
          operationId,
          shapeId: row.shapeId,
          regionId: row.regionId,
          zoneId: row.zoneId,
          count: add,
          topology: null,
          state: "reserved",
          at: now,
        });
        if (draining.length) await tx.update(cpPlacements).set({ state: "draining" }).where(inArray(cpPlacements.id, draining));
        const adapters = change.adapter ? nextAdapters(row, change.adapter) : row.adapters;
        await tx
          .update(cpEndpoints)
          .set({ status: "updating", minReplicas, maxReplicas, autoscaling: change.autoscaling ?? row.autoscaling, adapters, updatedAt: now })
          .where(eq(cpEndpoints.id, endpointId));

        const model = findModel(row.modelId)!;
        const steps = planEndpointUpdate(ctx.config.timing, { addedReplicas: add, removedReplicas: draining.length, coldStartSeconds: model.coldStartSeconds });
        const { currentStep, dueAt } = startSteps(steps, nowMs);
        const payload: EndpointUpdatePayload = {
          previous: { minReplicas: row.minReplicas, maxReplicas: row.maxReplicas, autoscaling: row.autoscaling },
          drainingPlacementIds: draining,
        };
        await tx.insert(cpOperations).values({
          id: operationId,
          tenantId: row.tenantId,
          kind: "endpoint.update",
          targetKind: "endpoint",
          targetId: endpointId,
          status: "running",
          steps,
          currentStep,
          stepStartedAt: now,
          dueAt,
          payload,
          failAtStep: add > 0 && shouldFail(ctx.config.failures, { id: endpointId, name: row.name }, operationId) ? bootStepIndex(steps) : null,
          startedAt: now,
        });
      },
      () => conflict("conflicting update"),
    ),
  );
}

export async function deleteEndpoint(ctx: SimContext, endpointId: string, key: string): Promise<string> {
  const nowMs = ctx.clock.now();
  const now = new Date(nowMs);
  return runIdempotent(
    ctx,
    key,
    requestHash("endpoint.delete", endpointId, {}),
    async (tx, operationId) => {
      const row = await lockEndpoint(tx, endpointId);
      if (row.status !== "running" && row.status !== "failed") throw conflict(`endpoint is ${row.status}`);
      const drained = await tx
        .update(cpPlacements)
        .set({ state: "draining" })
        .where(and(eq(cpPlacements.resourceId, endpointId), ne(cpPlacements.state, "released")))
        .returning({ id: cpPlacements.id });
      await tx.update(cpEndpoints).set({ status: "deleting", updatedAt: now }).where(eq(cpEndpoints.id, endpointId));
      const steps = planEndpointDelete(ctx.config.timing, { replicas: drained.length });
      const { currentStep, dueAt } = startSteps(steps, nowMs);
      await tx.insert(cpOperations).values({
        id: operationId,
        tenantId: row.tenantId,
        kind: "endpoint.delete",
        targetKind: "endpoint",
        targetId: endpointId,
        status: "running",
        steps,
        currentStep,
        stepStartedAt: now,
        dueAt,
        startedAt: now,
      });
    },
    () => conflict("conflicting delete"),
  );
}

export async function readEndpoints(ctx: SimContext, rows: EndpointRow[]): Promise<Endpoint[]> {
  const nodes = await loadNodes(ctx.db, rows.map((r) => r.id), new Map(rows.map((r) => [r.id, endpointReplicaNamer(r)])));
  return rows.map((r) => toEndpoint(r, nodes.get(r.id) ?? [], ctx.config.timing));
}

export async function getEndpoint(ctx: SimContext, endpointId: string): Promise<Endpoint> {
  const [row] = await ctx.db.select().from(cpEndpoints).where(eq(cpEndpoints.id, endpointId));
  if (!row) throw notFound("endpoint");
  return (await readEndpoints(ctx, [row]))[0];
}

export async function listEndpoints(ctx: SimContext, tenantId: string): Promise<Endpoint[]> {
  const rows = await ctx.db.select().from(cpEndpoints).where(eq(cpEndpoints.tenantId, tenantId)).orderBy(desc(cpEndpoints.createdAt), desc(cpEndpoints.id));
  return readEndpoints(ctx, rows);
}
