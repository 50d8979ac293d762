import "server-only";
import { openOperationsOf } from "../operations/record-operation";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { nextMinor } from "@/lib/domain/catalog";
import type { ClusterDetail } from "@/lib/domain/clusters";
import { orgContext } from "../access/org-context";
import { loadCluster, loadPools, toNodePool } from "./cluster-records";
import { costsThisMonth } from "./cluster-costs";
import { toCluster } from "./to-cluster";

// One cluster with its pools and — from the control plane — its nodes and their GPUs (a read
// only: work in flight is followed by the operations runner, never by a page polling this).

export async function getCluster(cp: ControlPlane, principal: Principal, slug: string, clusterId: string): Promise<ClusterDetail> {
  const { db, orgId, access } = await orgContext(principal, slug, "clusters.read");
  // Spend is for roles with billing.read (the permission table): others get no cost, not zero.
  const seesSpend = access.permissions.includes("billing.read");
  const row = await loadCluster(db, orgId, clusterId);
  const [pools, open, costs] = await Promise.all([loadPools(db, orgId, clusterId), openOperationsOf(db, orgId, [clusterId]), seesSpend ? costsThisMonth(db, orgId, [row]) : null]);
  const nodes =
    row.submitted && row.status !== "deleted"
      ? await cp
          .getCluster(clusterId)
          .then((c) => c.nodes)
          .catch(() => null)
      : [];
  return {
    ...toCluster(row, costs?.get(row.id) ?? null, open.at(-1)),
    apiServerUrl: row.apiServerUrl,
    network: row.network,
    nodePools: pools.map(toNodePool),
    nodes,
    released: row.released ?? null,
    upgradeAvailable: row.status === "running" ? (nextMinor(row.kubernetesVersion) ?? null) : null,
  };
}
