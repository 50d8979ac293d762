import "server-only";
import { and, desc, eq, gte } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { gpuHealthEvents } from "@/lib/db/schema";
import { computeAvailability } from "@/lib/domain/availability";
import { jstMonthOf, jstMonthRange } from "@/lib/domain/billing/jst";
import { ClusterEvent, type ClusterEvents, type HealthEvent } from "@/lib/domain/telemetry";
import { orgContext } from "../access/org-context";
import { loadCluster } from "../clusters/cluster-records";

// A cluster's hardware timeline (faults, cordons, replacements; newest first) and its
// availability this JST month.

export async function listClusterEvents(principal: Principal, slug: string, clusterId: string, now = new Date()): Promise<ClusterEvents> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.read");
  await loadCluster(db, orgId, clusterId);
  const rows = await db
    .select({ event: gpuHealthEvents.event })
    .from(gpuHealthEvents)
    .where(and(eq(gpuHealthEvents.orgId, orgId), eq(gpuHealthEvents.resourceId, clusterId)))
    .orderBy(desc(gpuHealthEvents.at), desc(gpuHealthEvents.id))
    .limit(200);
  const month = jstMonthOf(now);
  const range = jstMonthRange(month);
  // Incidents that began before the month still degrade it until they end.
  const monthRows = await db
    .select({ event: gpuHealthEvents.event })
    .from(gpuHealthEvents)
    .where(and(eq(gpuHealthEvents.orgId, orgId), eq(gpuHealthEvents.resourceId, clusterId), gte(gpuHealthEvents.at, new Date(range.start.getTime() - 7 * 86_400_000))));
  return {
    items: rows.map((r) => ClusterEvent.parse(r.event)),
    availability: computeAvailability(monthRows.map((r) => r.event as HealthEvent), month, range, now),
  };
}
