import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { operations } from "@/lib/db/schema";
import type { ControlPlane } from "@/lib/control-plane";
import { fitsAtOnce, QUEUE_DEADLINE_PASSED, type FreeCapacity } from "@/lib/domain/queued-orders";
import type { OperationRow } from "./adapter";
import { endQueuedOperation, startQueuedOperation } from "./queued-operations";
import { loadOperationRow, queueTicketOf } from "./record-operation";

// One round of the capacity queue (空き待ち): queued operations whose deadline passed give up;
// the others start, in order of arrival within their zone, as soon as everything they ask for
// fits at once. An order that does not fit holds back later orders for the same shapes in its
// zone (no small order overtakes a large one and starves it); orders for other shapes go on.

export interface QueueRoundResult {
  started: string[];
  expired: string[];
  waiting: number;
}

/** Queued operations of every org, in order of arrival (the operation id is time-ordered). */
export async function queuedOperations(db: Db): Promise<OperationRow[]> {
  return db.select().from(operations).where(eq(operations.status, "queued")).orderBy(asc(operations.createdAt), asc(operations.id));
}

export async function runCapacityQueue(db: Db, cp: ControlPlane, options: { now?: Date } = {}): Promise<QueueRoundResult> {
  const now = options.now ?? new Date();
  const result: QueueRoundResult = { started: [], expired: [], waiting: 0 };
  const blocked = new Map<string, Set<string>>();
  const block = (zoneId: string, shapes: string[]) => blocked.set(zoneId, new Set([...(blocked.get(zoneId) ?? []), ...shapes]));
  let capacity: FreeCapacity[] | null = null;

  for (const row of await queuedOperations(db)) {
    const ticket = queueTicketOf(row);
    if (!ticket) continue;
    if (ticket.deadline && Date.parse(ticket.deadline) <= now.getTime()) {
      const error = { code: QUEUE_DEADLINE_PASSED, message: `no capacity became free in ${ticket.zoneId} before the deadline ${ticket.deadline}` };
      if (await endQueuedOperation(db, row.id, "failed", error, now)) result.expired.push(row.id);
      continue;
    }
    const shapes = ticket.demands.filter((d) => d.additional > 0).map((d) => d.shapeId);
    const ahead = blocked.get(ticket.zoneId);
    if (shapes.some((s) => ahead?.has(s))) {
      block(ticket.zoneId, shapes);
      result.waiting++;
      continue;
    }
    if (!capacity) {
      try {
        capacity = await cp.getCapacity();
      } catch {
        // The control plane cannot say what is free: nothing starts this round, nothing is lost.
        result.waiting++;
        continue;
      }
    }
    if (!fitsAtOnce(capacity, ticket.zoneId, ticket.demands)) {
      block(ticket.zoneId, shapes);
      result.waiting++;
      continue;
    }
    const outcome = await startQueuedOperation(db, cp, row.id, now);
    // What is free changed (or someone else started it): read it again for the next order.
    capacity = null;
    if (outcome !== "started") continue;
    const after = await loadOperationRow(db, row.orgId, row.id);
    if (after?.status === "queued") {
      // The control plane gave the room to someone else first: it waits on, in its place.
      block(ticket.zoneId, shapes);
      result.waiting++;
    } else {
      result.started.push(row.id);
    }
  }
  return result;
}
