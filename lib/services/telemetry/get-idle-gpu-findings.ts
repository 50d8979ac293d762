import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { IdleGpuFindings } from "@/lib/domain/telemetry";
import { orgContext } from "../access/org-context";
import { loadCluster } from "../clusters/cluster-records";
import { findIdleGpus } from "./find-idle-gpus";
import { idleGpuRuleFromEnv, type IdleGpuRule } from "./idle-gpu-rule";

// The "idle GPUs" finding of the overview (every cluster) and of a cluster page (that cluster).

export async function getIdleGpuFindings(principal: Principal, slug: string, options: { clusterId?: string; rule?: IdleGpuRule; now?: number } = {}): Promise<IdleGpuFindings> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.read");
  if (options.clusterId) await loadCluster(db, orgId, options.clusterId);
  const now = options.now ?? Date.now();
  const items = await findIdleGpus(db, orgId, options.rule ?? idleGpuRuleFromEnv(), now, options.clusterId);
  return { items, evaluatedAt: new Date(now).toISOString() };
}
