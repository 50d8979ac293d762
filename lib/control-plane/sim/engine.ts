import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import type { SimContext } from "./context";
import { iso, transaction, wholeSecond } from "./db";
import { bootFailureMessage } from "./failures";
import { activePlacementIds, release } from "./placement";
import { cpClusters, cpEndpoints, cpOperations, cpPlacements } from "./schema";
import { clusterNodeNamer, endpointReplicaNamer } from "./views";

// Moves operations forward. Each step's effects are applied at the instant the step was due
// (not when the ticker happened to notice), so a lifecycle driven by a manual clock, by a
// ticker, or resumed after a restart ends in exactly the same state and the same metering.

type OperationRow = typeof cpOperations.$inferSelect;

export interface ClusterUpdatePayload {
  previousNodePools: unknown;
  targetVersion?: string;
  drainingPlacementIds: string[];
}

export interface EndpointUpdatePayload {
  previous: { minReplicas: number; maxReplicas: number; autoscaling: unknown };
  drainingPlacementIds: string[];
}

async function setPlacementState(tx: DbOrTx, operationId: string, from: string[], set: Partial<typeof cpPlacements.$inferInsert>) {
  await tx
    .update(cpPlacements)
    .set(set)
    .where(and(eq(cpPlacements.operationId, operationId), inArray(cpPlacements.state, from)));
}

/** Provisioned (metering starts) at whole seconds, so held time is a whole number of seconds. */
const provisioned = (at: Date) => new Date(wholeSecond(at.getTime()));

async function applyStep(tx: DbOrTx, op: OperationRow, step: string, at: Date): Promise<void> {
  const target = op.targetId;
  const cluster = (set: Partial<typeof cpClusters.$inferInsert>) => tx.update(cpClusters).set({ ...set, updatedAt: at }).where(eq(cpClusters.id, target));
  const endpoint = (set: Partial<typeof cpEndpoints.$inferInsert>) => tx.update(cpEndpoints).set({ ...set, updatedAt: at }).where(eq(cpEndpoints.id, target));

  switch (step) {
    case "allocating_nodes":
    case "allocating_replicas":
      return setPlacementState(tx, op.id, ["reserved"], { state: "booting" });
    case "booting_nodes":
    case "booting_replicas":
      return setPlacementState(tx, op.id, ["booting"], { provisionedAt: provisioned(at) });
    case "joining_nodes":
      return setPlacementState(tx, op.id, ["booting"], { state: "ready" });
    case "installing_control_plane":
      await cluster({ controlPlaneStartedAt: provisioned(at) });
      return;
    case "upgrading_control_plane": {
      const payload = op.payload as ClusterUpdatePayload;
      if (payload.targetVersion) await cluster({ kubernetesVersion: payload.targetVersion });
      return;
    }
    case "draining_nodes":
    case "draining_replicas": {
      // A scale-down releases its nodes when they are drained; a delete releases in its next step.
      if (op.kind.endsWith(".update")) await release(tx, (op.payload as ClusterUpdatePayload).drainingPlacementIds, provisioned(at));
      return;
    }
    case "releasing_nodes":
    case "releasing_replicas":
      await release(tx, await activePlacementIds(tx, target), provisioned(at));
      return;
    case "deleting_control_plane":
      await tx
        .update(cpClusters)
        .set({ controlPlaneStoppedAt: provisioned(at), updatedAt: at })
        .where(and(eq(cpClusters.id, target), isNull(cpClusters.controlPlaneStoppedAt)));
      return;
    case "ready":
      if (op.targetKind === "cluster") {
        await cluster({ status: "running" });
      } else {
        await setPlacementState(tx, op.id, ["booting"], { state: "ready" });
        await endpoint({ status: "running" });
      }
      return;
    case "deleted":
      if (op.targetKind === "cluster") await cluster({ status: "deleted", deletedAt: at });
      else await endpoint({ status: "deleted", deletedAt: at });
      return;
    default:
      return; // validating, loading_model, upgrading_nodes: time passes, nothing else changes
  }
}

/** An injected boot failure: give back what this operation took, and say why. */
async function applyFailure(tx: DbOrTx, op: OperationRow, at: Date): Promise<string> {
  const [first] = await tx.select().from(cpPlacements).where(eq(cpPlacements.operationId, op.id)).orderBy(asc(cpPlacements.id)).limit(1);
  let hostname: string | undefined;
  if (first && op.targetKind === "cluster") {
    const [row] = await tx.select().from(cpClusters).where(eq(cpClusters.id, op.targetId));
    if (row) hostname = clusterNodeNamer(row)(first);
  } else if (first) {
    const [row] = await tx.select().from(cpEndpoints).where(eq(cpEndpoints.id, op.targetId));
    if (row) hostname = endpointReplicaNamer(row)(first);
  }
  const message = bootFailureMessage(hostname);
  await release(tx, await activePlacementIds(tx, op.targetId, { operationId: op.id }), provisioned(at));

  if (op.kind === "cluster.create") {
    await tx.update(cpClusters).set({ status: "failed", failureReason: message, updatedAt: at }).where(eq(cpClusters.id, op.targetId));
  } else if (op.kind === "endpoint.create") {
    await tx.update(cpEndpoints).set({ status: "failed", failureReason: message, updatedAt: at }).where(eq(cpEndpoints.id, op.targetId));
  } else if (op.kind === "cluster.update") {
    // The cluster keeps running as it was: undo the desired pools and the pending scale-down.
    const payload = op.payload as ClusterUpdatePayload;
    await tx.update(cpClusters).set({ status: "running", nodePools: payload.previousNodePools, updatedAt: at }).where(eq(cpClusters.id, op.targetId));
    if (payload.drainingPlacementIds.length) {
      await tx.update(cpPlacements).set({ state: "ready" }).where(and(inArray(cpPlacements.id, payload.drainingPlacementIds), eq(cpPlacements.state, "draining")));
    }
  } else if (op.kind === "endpoint.update") {
    const payload = op.payload as EndpointUpdatePayload;
    await tx.update(cpEndpoints).set({ status: "running", ...payload.previous, updatedAt: at }).where(eq(cpEndpoints.id, op.targetId));
    if (payload.drainingPlacementIds.length) {
      await tx.update(cpPlacements).set({ state: "ready" }).where(and(inArray(cpPlacements.id, payload.drainingPlacementIds), eq(cpPlacements.state, "draining")));
    }
  }
  return message;
}

/** Advances one operation as far as `nowMs` allows. Returns true if anything changed. */
async function advance(tx: DbOrTx, operationId: string, targetTable: "cluster" | "endpoint", targetId: string, nowMs: number): Promise<boolean> {
  // Lock order everywhere: the resource, then its operation (mutating calls do the same).
  if (targetTable === "cluster") await tx.execute(sql`select id from cp_clusters where id = ${targetId} for update`);
  else await tx.execute(sql`select id from cp_endpoints where id = ${targetId} for update`);
  const [op] = await tx.select().from(cpOperations).where(eq(cpOperations.id, operationId)).for("update");
  if (!op || op.status !== "running" || !op.dueAt || op.dueAt.getTime() > nowMs) return false;

  const steps = op.steps.map((s) => ({ ...s }));
  let current = op.currentStep;
  let stepStartedAt = op.stepStartedAt.getTime();
  let status = "running";
  let error: { code: string; message: string } | null = null;
  let finishedAt: Date | null = null;

  while (status === "running") {
    const step = steps[current];
    const endsAt = stepStartedAt + step.durationMs;
    if (endsAt > nowMs) break;
    const at = new Date(endsAt);
    if (op.failAtStep === current) {
      const message = await applyFailure(tx, op, at);
      steps[current] = { ...step, status: "failed", finishedAt: iso(at) };
      status = "failed";
      error = { code: "provisioning_failed", message };
      finishedAt = at;
      break;
    }
    await applyStep(tx, op, step.name, at);
    steps[current] = { ...step, status: "succeeded", finishedAt: iso(at) };
    let next = current + 1;
    while (next < steps.length && steps[next].status === "skipped") next++;
    if (next >= steps.length) {
      status = "succeeded";
      finishedAt = at;
      break;
    }
    current = next;
    stepStartedAt = endsAt;
    steps[current] = { ...steps[current], status: "running", startedAt: iso(at) };
  }

  await tx
    .update(cpOperations)
    .set({
      steps,
      currentStep: current,
      stepStartedAt: new Date(stepStartedAt),
      status,
      error,
      finishedAt,
      dueAt: status === "running" ? new Date(stepStartedAt + steps[current].durationMs) : null,
    })
    .where(eq(cpOperations.id, op.id));
  return true;
}

/** Advances every operation that has a step due by `nowMs`, oldest due first. */
export async function advanceOperations(ctx: SimContext, nowMs: number): Promise<number> {
  const due = await ctx.db
    .select({ id: cpOperations.id, targetKind: cpOperations.targetKind, targetId: cpOperations.targetId })
    .from(cpOperations)
    .where(and(eq(cpOperations.status, "running"), lte(cpOperations.dueAt, new Date(nowMs))))
    .orderBy(asc(cpOperations.dueAt), asc(cpOperations.id));
  let advanced = 0;
  for (const op of due) {
    const changed = await transaction(ctx.db, (tx) => advance(tx, op.id, op.targetKind as "cluster" | "endpoint", op.targetId, nowMs));
    if (changed) advanced++;
  }
  return advanced;
}
