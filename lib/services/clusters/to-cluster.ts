import "server-only";
import type { Cluster } from "@/lib/domain/clusters";
import type { ClusterCost } from "@/lib/domain/clusters";
import { yen } from "@/lib/domain/common";
import type { ClusterRow } from "./cluster-records";
import type { OperationRow } from "../operations/adapter";
import { toOperation } from "../operations/to-operation";

export function toCluster(row: ClusterRow, cost: ClusterCost | null, active: OperationRow | undefined): Cluster {
  return {
    id: row.id,
    name: row.name,
    status: row.status as Cluster["status"],
    regionId: row.regionId,
    zoneId: row.zoneId,
    kubernetesVersion: row.kubernetesVersion,
    controlPlane: row.controlPlane === "ha" ? "ha" : "single",
    nodeCount: row.nodeCount,
    gpuCount: row.gpuCount,
    gpuModels: row.gpuModels,
    pricePerHour: yen(row.pricePerHourJpy),
    costThisMonth: cost,
    failureReason: row.failureReason,
    activeOperation: active ? toOperation(active) : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt ? row.deletedAt.toISOString() : null,
  };
}
