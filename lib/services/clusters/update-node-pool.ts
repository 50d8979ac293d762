import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import type { Principal } from "@/lib/auth/principal";
import type { HeldOrOrdered } from "@/lib/domain/approval-requests";
import { findShape } from "@/lib/domain/catalog";
import { UpdateNodePoolInput } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { NodePoolSpec } from "@/lib/domain/control-plane";
import { AppError, notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { approvalPolicyFor } from "../approvals/approval-check";
import { allocationInForce } from "../approvals/allocation-in-force";
import { machinesSnapshot } from "../approvals/machines-snapshot";
import { estimateMachines } from "../approvals/order-estimate";
import { answeredUnder, holdOrder, requireApprovalInput, type HoldableOrderOptions } from "../approvals/request-approval";
import { fingerprintOf, openOperationsOf } from "../operations/record-operation";
import { assertChangeable, changeCluster, updatePoolRow, type ChangePlan } from "./change-cluster";
import { loadCluster, quotaGpusByModel, loadPools, toPoolSpec, type ClusterRow, type PoolRow } from "./cluster-records";

// Scale a node pool and/or change its autoscaling bounds: one audited, idempotent operation. A
// change that adds nodes is a scale-up (「ノードプールの増強」): a 稟議 rule on node_pool.scale_up
// weighs what the added nodes cost each month at the org's prices; when one applies the change
// waits in the request, and on the last approval runs through here again (`approvedRequestId`),
// every check of changeCluster made again then.

type PoolChange = Omit<UpdateNodePoolInput, "approval">;

function scalePoolPlan(poolId: string, input: PoolChange) {
  return (_cluster: ClusterRow, pools: PoolRow[]): ChangePlan & { pool: PoolRow; count: number } => {
    const pool = pools.find((p) => p.id === poolId);
    if (!pool) throw notFound("node pool");
    const current = toPoolSpec(pool);
    const autoscaling = input.autoscaling === undefined ? current.autoscaling ?? null : input.autoscaling;
    const count = input.count ?? (autoscaling ? Math.min(Math.max(pool.count, autoscaling.min), autoscaling.max) : pool.count);
    const checked = NodePoolSpec.safeParse({ ...current, count, autoscaling });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new AppError("validation_failed", issue.message, { field: String(issue.path[0] ?? "count"), issues: checked.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
    }
    if (count === pool.count && JSON.stringify(autoscaling) === JSON.stringify(current.autoscaling ?? null)) {
      throw new AppError("validation_failed", "nothing to change", { field: "count" });
    }
    return {
      pool,
      count,
      kind: "cluster.scale_pool",
      request: { poolId, poolName: pool.name, from: pool.count, count, autoscaling },
      change: { scaleNodePools: [{ poolId, count, autoscaling }] },
      poolsAfter: pools.map((p) => (p.id === poolId ? { ...p, count } : p)),
      demands: [{ index: 0, field: "count", shapeId: pool.shapeId, additional: Math.max(0, count - pool.count), topology: pool.topology === "rack" ? "rack" : null, reservationId: pool.reservationId }],
      quotaField: "count",
      queue: input.queue,
      apply: (tx, now) => updatePoolRow(tx, poolId, { count, autoscalingMin: autoscaling?.min ?? null, autoscalingMax: autoscaling?.max ?? null, updatedAt: now }),
      audit: { action: "cluster.node_pool.scale", data: { poolId, poolName: pool.name, from: pool.count, to: count, autoscaling } },
    };
  };
}

export async function orderNodePoolUpdate(cp: ControlPlane, principal: Principal, slug: string, clusterId: string, poolId: string, rawInput: unknown, options: HoldableOrderOptions = {}): Promise<HeldOrOrdered> {
  const input = UpdateNodePoolInput.parse(rawInput);
  const { approval, ...change } = input;
  const fingerprintInput = { kind: "cluster.scale_pool" as const, input: { poolId, ...input } };
  const internal = options.approvedRequestId !== undefined;
  if (!internal) {
    const { db, orgId, access } = await orgContext(principal, slug, "clusters.write");
    const fingerprint = fingerprintOf(fingerprintInput.kind, clusterId, fingerprintInput.input);
    const answered = await answeredUnder(db, orgId, options.idempotencyKey, fingerprint, principal.userId, false);
    if (answered) return answered;
    const cluster = await loadCluster(db, orgId, clusterId);
    const pools = await loadPools(db, orgId, clusterId);
    const plan = scalePoolPlan(poolId, change)(cluster, pools);
    const added = plan.demands[0].additional;
    if (added > 0) {
      const estimate = await estimateMachines(db, orgId, [{ shapeId: plan.pool.shapeId, count: added }]);
      const policy = await approvalPolicyFor(db, orgId, "node_pool.scale_up", estimate.perMonth);
      if (policy) {
        requireApprovalInput({ approval, policy });
        assertChangeable(cluster, await openOperationsOf(db, orgId, [clusterId]));
        const gpuModel = findShape(plan.pool.shapeId)?.gpuModel;
        return holdOrder(db, principal, access.org, {
          action: "node_pool.scale_up",
          approval,
          order: { clusterId, poolId, ...change, clusterName: cluster.name, poolName: plan.pool.name, shapeId: plan.pool.shapeId, fromCount: plan.pool.count, toCount: plan.count },
          targetName: `${cluster.name} / ${plan.pool.name}`,
          ...estimate,
          policy,
          allocation: await allocationInForce(db, orgId, clusterId),
          snapshot: await machinesSnapshot(cp, db, orgId, {
            zoneId: cluster.zoneId,
            shapeId: plan.pool.shapeId,
            additional: added,
            gpus: gpuModel ? quotaGpusByModel(plan.poolsAfter).get(gpuModel) ?? 0 : 0,
            field: "count",
            exceptResourceId: clusterId,
            topology: plan.demands[0].topology,
            reservationId: plan.pool.reservationId,
          }),
          fingerprint,
        }, options);
      }
    }
  }
  const { outcome } = options;
  const operation = await changeCluster(cp, principal, slug, clusterId, fingerprintInput, scalePoolPlan(poolId, change), {
    idempotencyKey: options.idempotencyKey,
    internalKey: internal,
    auditData: internal ? { approvalRequestId: options.approvedRequestId } : undefined,
    outcome: outcome && { recordIn: (tx, op) => outcome.recordIn(tx, { kind: "operation", operation: op }) },
  });
  return { kind: "operation", operation };
}

/** Scaling a pool when the caller knows no 稟議 rule applies (tests): the operation. */
export async function updateNodePool(cp: ControlPlane, principal: Principal, slug: string, clusterId: string, poolId: string, rawInput: unknown, options: { idempotencyKey?: string } = {}): Promise<ConsoleOperation> {
  const result = await orderNodePoolUpdate(cp, principal, slug, clusterId, poolId, rawInput, options);
  if (result.kind === "operation") return result.operation;
  throw new AppError("business_rule", "this change is held for approval (稟議)", { approvalRequestId: result.approvalRequest.id });
}
