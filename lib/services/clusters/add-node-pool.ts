import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import { clusterNodePools } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { NodePoolInput } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { newPoolRow } from "./cluster-records";
import { changeCluster } from "./change-cluster";
import type { MutationOptions } from "./launch-cluster";

// Add a node pool to a running cluster.

export async function addNodePool(cp: ControlPlane, principal: Principal, slug: string, clusterId: string, rawInput: unknown, options: MutationOptions = {}): Promise<ConsoleOperation> {
  const input = NodePoolInput.parse(rawInput);
  const poolId = newId("nodePool");
  return changeCluster(
    cp,
    principal,
    slug,
    clusterId,
    { kind: "cluster.add_pool", input },
    (cluster, pools) => {
      if (pools.some((p) => p.name === input.name)) throw new AppError("already_exists", `a node pool named ${input.name} already exists`, { field: "name" });
      if (pools.length >= 16) throw new AppError("business_rule", "a cluster has at most 16 node pools", { field: "name" });
      const spec = { poolId, ...input };
      return {
        kind: "cluster.add_pool",
        request: { poolId, ...input },
        change: { addNodePools: [spec] },
        poolsAfter: [...pools, { shapeId: input.shapeId, count: input.count, reservationId: input.reservationId }],
        demands: [{ index: 0, field: "count", shapeId: input.shapeId, additional: input.count, topology: input.topology, reservationId: input.reservationId }],
        quotaField: "count",
        apply: async (tx, now) => {
          await tx.insert(clusterNodePools).values(newPoolRow(cluster.orgId, clusterId, poolId, input, now));
        },
        audit: { action: "cluster.node_pool.add", data: { poolId, poolName: input.name, shapeId: input.shapeId, count: input.count } },
      };
    },
    options,
  );
}
