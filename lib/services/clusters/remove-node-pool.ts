import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import type { Principal } from "@/lib/auth/principal";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { AppError, notFound } from "@/lib/domain/errors";
import { changeCluster, updatePoolRow } from "./change-cluster";
import type { MutationOptions } from "./launch-cluster";

// Remove a node pool (its nodes are drained and released); a cluster keeps at least one pool.

export async function removeNodePool(cp: ControlPlane, principal: Principal, slug: string, clusterId: string, poolId: string, options: MutationOptions = {}): Promise<ConsoleOperation> {
  return changeCluster(
    cp,
    principal,
    slug,
    clusterId,
    { kind: "cluster.remove_pool", input: { poolId } },
    (_cluster, pools) => {
      const pool = pools.find((p) => p.id === poolId);
      if (!pool) throw notFound("node pool");
      if (pools.length <= 1) throw new AppError("business_rule", "a cluster keeps at least one node pool", { field: "poolId" });
      return {
        kind: "cluster.remove_pool",
        request: { poolId, poolName: pool.name, count: pool.count },
        change: { removeNodePoolIds: [poolId] },
        poolsAfter: pools.filter((p) => p.id !== poolId),
        demands: [],
        quotaField: "poolId",
        apply: (tx, now) => updatePoolRow(tx, poolId, { status: "removing", updatedAt: now }),
        audit: { action: "cluster.node_pool.remove", data: { poolId, poolName: pool.name, count: pool.count } },
      };
    },
    options,
  );
}
