import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { getControlPlane } from "@/lib/control-plane";
import { nextMinor } from "@/lib/domain/catalog";
import type { ClusterDetail } from "@/lib/domain/clusters";
import { orgContext } from "../access/org-context";
import { loadCluster, loadPools, openOperationsFor, toNodePool } from "./cluster-records";
import { costsThisMonth } from "./cluster-costs";
import { syncOperations } from "./follow-operations";
import { toCluster } from "./to-cluster";

// One cluster with its pools and — from the control plane — its nodes and their GPUs. Reading a
// cluster with work in flight first catches up with the control plane, so the page polling it
// moves as soon as the control plane does (the background loop does the same for everyone).

export async function getCluster(principal: Principal, slug: string, clusterId: string): Promise<ClusterDetail> {
  const { db, orgId, access } = await orgContext(principal, slug, "clusters.read");
  // Spend is for roles with billing.read (the permission table): others get no cost, not zero.
  const seesSpend = access.permissions.includes("billing.read");
  let row = await loadCluster(db, orgId, clusterId);
  const cp = await getControlPlane();
  if ((await openOperationsFor(db, orgId, [clusterId])).length > 0) {
    await syncOperations(db, cp, { orgId, targetId: clusterId }).catch(() => undefined);
    row = await loadCluster(db, orgId, clusterId);
  }
  const [pools, open, costs] = await Promise.all([loadPools(db, orgId, clusterId), openOperationsFor(db, orgId, [clusterId]), seesSpend ? costsThisMonth(db, orgId, [row]) : null]);
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
