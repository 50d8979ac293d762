import "server-only";
import { and, eq } from "drizzle-orm";
import type { ControlPlane } from "@/lib/control-plane";
import type { DbOrTx } from "@/lib/db/client";
import { capacityRequests } from "@/lib/db/schema";
import { toIso } from "@/lib/domain/common";
import { estimateStart, type CapacityRequest } from "@/lib/domain/reservations/capacity-queue";

// A request as its owner sees it: where it stands in its zone's line (across all customers, by
// arrival) and when it should start, with what that estimate rests on — capacity free now, what
// waits ahead, reservations ending and the fleet's recent release rate. Reads only.

export type CapacityRequestRow = typeof capacityRequests.$inferSelect;

export async function toCapacityRequests(db: DbOrTx, cp: ControlPlane, rows: readonly CapacityRequestRow[], nowMs: number): Promise<CapacityRequest[]> {
  const lines = new Map<string, { available: number; queue: CapacityRequestRow[]; outlook: Awaited<ReturnType<ControlPlane["getReleaseOutlook"]>> }>();
  for (const row of rows.filter((r) => r.state === "waiting")) {
    const key = `${row.zoneId}\u0000${row.shapeId}`;
    if (lines.has(key)) continue;
    const [capacity] = await cp.getCapacity({ zoneId: row.zoneId, shapeId: row.shapeId });
    const queue = await db.select().from(capacityRequests).where(and(eq(capacityRequests.state, "waiting"), eq(capacityRequests.zoneId, row.zoneId), eq(capacityRequests.shapeId, row.shapeId)));
    lines.set(key, { available: capacity?.available ?? 0, queue, outlook: await cp.getReleaseOutlook(row.zoneId, row.shapeId) });
  }
  return rows.map((row) => {
    const line = row.state === "waiting" ? lines.get(`${row.zoneId}\u0000${row.shapeId}`) : undefined;
    const estimate = line
      ? estimateStart({
          nowMs,
          queue: line.queue.map((q) => ({ id: q.id, count: q.count, createdAtMs: q.createdAt.getTime() })),
          requestId: row.id,
          availableNow: line.available,
          knownReleases: line.outlook.knownReleases.map((r) => ({ atMs: Date.parse(r.at), count: r.count })),
          observedReleasesPerHour: line.outlook.observedReleasesPerHour,
        })
      : null;
    return {
      id: row.id,
      kind: row.kind as CapacityRequest["kind"],
      shapeId: row.shapeId,
      zoneId: row.zoneId,
      count: row.count,
      state: row.state as CapacityRequest["state"],
      deadline: toIso(row.deadline),
      position: estimate?.position ?? null,
      estimatedStartAt: estimate?.estimatedStartAtMs != null ? new Date(estimate.estimatedStartAtMs).toISOString() : null,
      estimateBasis: estimate?.basis ?? null,
      createdAt: row.createdAt.toISOString(),
      notifiedAt: toIso(row.notifiedAt),
    };
  });
}
