import type { Operation, OperationKind } from "@/lib/domain/control-plane";
import { coldStartMs, scaled, STEP_MS, type SimTiming } from "./config";
import { iso, isoOrNull } from "./db";
import type { cpOperations, StoredStep } from "./schema";

// What each long-running operation goes through, and how long each step takes in the
// simulator's timing. Steps are planned once, when the operation starts, and stored with it.

type Plan = [name: string, durationMs: number, applies?: boolean][];

function toSteps(plan: Plan, timing: SimTiming): StoredStep[] {
  return plan.map(([name, ms, applies = true]) => ({ name, status: applies ? "pending" : "skipped", durationMs: applies ? scaled(ms, timing) : 0 }));
}

function bootMs(nodes: number): number {
  return STEP_MS.bootingNodes + Math.min(STEP_MS.bootingExtraMax, nodes * STEP_MS.bootingPerNode);
}

export function planClusterCreate(timing: SimTiming, input: { nodes: number; tier: "single" | "ha" }): StoredStep[] {
  return toSteps(
    [
      ["validating", STEP_MS.validating],
      ["allocating_nodes", STEP_MS.allocating, input.nodes > 0],
      ["booting_nodes", bootMs(input.nodes), input.nodes > 0],
      ["installing_control_plane", STEP_MS.installingControlPlane[input.tier]],
      ["joining_nodes", STEP_MS.joiningNodes, input.nodes > 0],
      ["ready", 0],
    ],
    timing,
  );
}

export function planClusterUpdate(timing: SimTiming, input: { addedNodes: number; upgrade: boolean; removedNodes: number }): StoredStep[] {
  const adds = input.addedNodes > 0;
  return toSteps(
    [
      ["validating", STEP_MS.validating],
      ["allocating_nodes", STEP_MS.allocating, adds],
      ["booting_nodes", bootMs(input.addedNodes), adds],
      ["joining_nodes", STEP_MS.joiningNodes, adds],
      ["upgrading_control_plane", STEP_MS.upgradingControlPlane, input.upgrade],
      ["upgrading_nodes", STEP_MS.upgradingNodes, input.upgrade],
      ["draining_nodes", STEP_MS.drainingNodes, input.removedNodes > 0],
      ["ready", 0],
    ],
    timing,
  );
}

export function planClusterDelete(timing: SimTiming, input: { nodes: number }): StoredStep[] {
  return toSteps(
    [
      ["validating", STEP_MS.validating / 2],
      ["draining_nodes", STEP_MS.drainingNodes, input.nodes > 0],
      ["releasing_nodes", STEP_MS.releasingNodes, input.nodes > 0],
      ["deleting_control_plane", STEP_MS.deletingControlPlane],
      ["deleted", 0],
    ],
    timing,
  );
}

export function planEndpointCreate(timing: SimTiming, input: { replicas: number; coldStartSeconds: number }): StoredStep[] {
  const any = input.replicas > 0;
  return toSteps(
    [
      ["validating", STEP_MS.validating],
      ["allocating_replicas", STEP_MS.allocating, any],
      ["booting_replicas", STEP_MS.bootingReplicas, any],
      // loading_model is already in the simulator's timing: do not scale it twice.
      ["loading_model", 0, any],
      ["ready", 0],
    ],
    timing,
  ).map((s) => (s.name === "loading_model" && any ? { ...s, durationMs: coldStartMs(input.coldStartSeconds, timing) } : s));
}

export function planEndpointUpdate(timing: SimTiming, input: { addedReplicas: number; removedReplicas: number; coldStartSeconds: number }): StoredStep[] {
  const adds = input.addedReplicas > 0;
  return toSteps(
    [
      ["validating", STEP_MS.validating / 2],
      ["allocating_replicas", STEP_MS.allocating, adds],
      ["booting_replicas", STEP_MS.bootingReplicas, adds],
      ["loading_model", 0, adds],
      ["draining_replicas", STEP_MS.drainingReplicas, input.removedReplicas > 0],
      ["ready", 0],
    ],
    timing,
  ).map((s) => (s.name === "loading_model" && adds ? { ...s, durationMs: coldStartMs(input.coldStartSeconds, timing) } : s));
}

export function planEndpointDelete(timing: SimTiming, input: { replicas: number }): StoredStep[] {
  return toSteps(
    [
      ["validating", STEP_MS.validating / 2],
      ["draining_replicas", STEP_MS.drainingReplicas, input.replicas > 0],
      ["releasing_replicas", STEP_MS.releasingReplicas, input.replicas > 0],
      ["deleted", 0],
    ],
    timing,
  );
}

/** The step a failure is injected at: the one that boots new machines. */
export function bootStepIndex(steps: readonly StoredStep[]): number | null {
  const index = steps.findIndex((s) => (s.name === "booting_nodes" || s.name === "booting_replicas") && s.status !== "skipped");
  return index >= 0 ? index : null;
}

/** Marks the first step that applies as running; returns when it is due. */
export function startSteps(steps: StoredStep[], atMs: number): { currentStep: number; dueAt: Date } {
  const currentStep = Math.max(0, steps.findIndex((s) => s.status === "pending"));
  steps[currentStep] = { ...steps[currentStep], status: "running", startedAt: iso(atMs) };
  return { currentStep, dueAt: new Date(atMs + steps[currentStep].durationMs) };
}

type OperationRow = typeof cpOperations.$inferSelect;

/** Progress by time: finished steps, plus the elapsed share of the current one. */
function progressOf(row: OperationRow, nowMs: number): number {
  if (row.status === "succeeded") return 100;
  const weights = row.steps.map((s) => (s.status === "skipped" ? 0 : Math.max(s.durationMs, 1)));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  let done = 0;
  row.steps.forEach((s, i) => {
    if (s.status === "succeeded") done += weights[i];
  });
  const current = row.steps[row.currentStep];
  if (row.status === "running" && current?.status === "running") {
    const elapsed = Math.max(0, nowMs - row.stepStartedAt.getTime());
    done += Math.min(weights[row.currentStep], (elapsed / Math.max(current.durationMs, 1)) * weights[row.currentStep]);
  }
  // A running operation never shows 100: the last step's side effects are not applied yet.
  return Math.min(row.status === "running" ? 99 : 100, Math.floor((done / total) * 100));
}

export function toOperation(row: OperationRow, nowMs: number): Operation {
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind as OperationKind,
    target: { kind: row.targetKind as "cluster" | "endpoint", id: row.targetId },
    status: row.status as Operation["status"],
    progress: progressOf(row, nowMs),
    steps: row.steps.map((s) => ({ name: s.name, status: s.status })),
    ...(row.error ? { error: row.error } : {}),
    startedAt: iso(row.startedAt),
    finishedAt: isoOrNull(row.finishedAt),
  };
}
