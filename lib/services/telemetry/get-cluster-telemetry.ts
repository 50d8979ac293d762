import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { TelemetryQuery, type TelemetrySeries } from "@/lib/domain/telemetry";
import { orgContext } from "../access/org-context";
import { loadCluster } from "../clusters/cluster-records";
import { telemetrySeries } from "./telemetry-series";

// Utilisation, memory, power and temperature of a cluster — or of one of its nodes — over the
// last hour, day or week.

export async function getClusterTelemetry(principal: Principal, slug: string, clusterId: string, raw: { range?: string; nodeId?: string } = {}, now = Date.now()): Promise<TelemetrySeries> {
  const { range } = TelemetryQuery.parse({ range: raw.range });
  const { db, orgId } = await orgContext(principal, slug, "clusters.read");
  await loadCluster(db, orgId, clusterId);
  // Rows are keyed by this cluster: another cluster's node id reads as an empty series.
  return telemetrySeries(db, orgId, clusterId, range, raw.nodeId ?? null, now);
}
