import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { ControlPlane } from "@/lib/control-plane";
import type { Db } from "@/lib/db/client";
import { capacityRequests, orgs } from "@/lib/db/schema";
import { servable } from "@/lib/domain/reservations/capacity-queue";
import { notifyUsers } from "../notifications/notify";

// Serves the "notify me" line (a fleet-once loop): per zone and shape, in arrival order, each
// request whose whole count is free — after those ahead of it — is told once (in-app; e-mail
// follows the bell's outbox) and leaves the line. Past its deadline, a request expires quietly.

export async function notifyCapacityWatchers(db: Db, cp: ControlPlane, nowMs: number): Promise<{ notified: number; expired: number }> {
  const waiting = await db.select().from(capacityRequests).where(eq(capacityRequests.state, "waiting")).orderBy(asc(capacityRequests.createdAt), asc(capacityRequests.id));
  let notified = 0;
  let expired = 0;
  const lines = new Map<string, typeof waiting>();
  for (const row of waiting) {
    if (row.deadline && row.deadline.getTime() <= nowMs) {
      await db.update(capacityRequests).set({ state: "expired" }).where(and(eq(capacityRequests.id, row.id), eq(capacityRequests.state, "waiting")));
      expired++;
      continue;
    }
    const key = `${row.zoneId}\u0000${row.shapeId}`;
    lines.set(key, [...(lines.get(key) ?? []), row]);
  }
  for (const line of lines.values()) {
    const [capacity] = await cp.getCapacity({ zoneId: line[0].zoneId, shapeId: line[0].shapeId });
    const ready = servable(line.map((r) => ({ ...r, createdAtMs: r.createdAt.getTime() })), capacity?.available ?? 0);
    for (const row of ready) {
      await db.transaction(async (tx) => {
        // The state guard makes a second runner a no-op; the dedupe key makes the bell say it once.
        const [claimed] = await tx
          .update(capacityRequests)
          .set({ state: "notified", notifiedAt: new Date(nowMs) })
          .where(and(eq(capacityRequests.id, row.id), eq(capacityRequests.state, "waiting")))
          .returning();
        if (!claimed || !claimed.createdBy) return;
        const [org] = await tx.select({ slug: orgs.slug }).from(orgs).where(eq(orgs.id, row.orgId));
        await notifyUsers(tx, row.orgId, [claimed.createdBy], {
          category: "operation",
          titleKey: "capacityAvailable.title",
          bodyKey: "capacityAvailable.body",
          params: { shape: row.shapeId, zone: row.zoneId, count: row.count },
          link: org ? `/${org.slug}/clusters/new` : null,
          dedupeKey: `capacity-request:${row.id}`,
        });
      });
      notified++;
    }
  }
  return { notified, expired };
}
