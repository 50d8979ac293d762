import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import type { Principal } from "@/lib/auth/principal";
import { nextMinor } from "@/lib/domain/catalog";
import { UpdateClusterInput } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { AppError } from "@/lib/domain/errors";
import { changeCluster } from "./change-cluster";
import type { MutationOptions } from "./launch-cluster";

// Upgrade Kubernetes by one minor version (control plane first, then the nodes).

export async function upgradeCluster(cp: ControlPlane, principal: Principal, slug: string, clusterId: string, rawInput: unknown, options: MutationOptions = {}): Promise<ConsoleOperation> {
  const input = UpdateClusterInput.parse(rawInput);
  return changeCluster(
    cp,
    principal,
    slug,
    clusterId,
    { kind: "cluster.upgrade", input },
    (cluster, pools) => {
      const allowed = nextMinor(cluster.kubernetesVersion) ?? null;
      if (input.kubernetesVersion !== allowed) {
        throw new AppError("business_rule", `upgrades go one minor version at a time: ${cluster.kubernetesVersion} → ${allowed ?? "(already the newest)"}`, {
          field: "kubernetesVersion",
          current: cluster.kubernetesVersion,
          allowed,
        });
      }
      return {
        kind: "cluster.upgrade",
        request: { from: cluster.kubernetesVersion, to: input.kubernetesVersion },
        change: { kubernetesVersion: input.kubernetesVersion },
        poolsAfter: pools,
        demands: [],
        quotaField: "kubernetesVersion",
        targetVersion: input.kubernetesVersion,
        apply: async () => undefined,
        audit: { action: "cluster.upgrade", data: { from: cluster.kubernetesVersion, to: input.kubernetesVersion } },
      };
    },
    options,
  );
}
