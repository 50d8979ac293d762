import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import type { Principal } from "@/lib/auth/principal";
import { UpdateNodePoolInput } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { NodePoolSpec } from "@/lib/domain/control-plane";
import { AppError, notFound } from "@/lib/domain/errors";
import { changeCluster, updatePoolRow } from "./change-cluster";
import type { MutationOptions } from "./launch-cluster";
import { toPoolSpec } from "./cluster-records";

// Scale a node pool and/or change its autoscaling bounds: one audited, idempotent operation.

export async function updateNodePool(cp: ControlPlane, principal: Principal, slug: string, clusterId: string, poolId: string, rawInput: unknown, options: MutationOptions = {}): Promise<ConsoleOperation> {
  const input = UpdateNodePoolInput.parse(rawInput);
  return changeCluster(
    cp,
    principal,
    slug,
    clusterId,
    { kind: "cluster.scale_pool", input: { poolId, ...input } },
    (_cluster, pools) => {
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
    },
    options,
  );
}
