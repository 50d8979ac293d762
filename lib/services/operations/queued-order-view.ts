import "server-only";
import type { Db } from "@/lib/db/client";
import type { ControlPlane } from "@/lib/control-plane";
import type { QueuedOrder, QueueTicket } from "@/lib/domain/queued-orders";
import { estimateStart, type Estimate } from "@/lib/domain/reservations/capacity-queue";
import type { OperationRow } from "./adapter";
import { queueTicketOf } from "./record-operation";
import { queuedOperations } from "./run-capacity-queue";

// Where a queued order stands (空き待ち) and when it should start, from what the control plane
// knows: capacity free now, the orders ahead of it in its zone (every customer's, by arrival —
// only their count is shown), reservations ending at known times and the fleet's recent release
// rate. An order starts when all its shapes fit at once, so its estimate is the latest of its
// shapes' estimates. Reads only; it is computed afresh on every read, so it follows the queue.

interface Line {
  entries: { id: string; count: number; createdAtMs: number }[];
  available: number;
  outlook: Awaited<ReturnType<ControlPlane["getReleaseOutlook"]>>;
}

const nodesOf = (ticket: QueueTicket, shapeId: string) => ticket.demands.filter((d) => d.shapeId === shapeId).reduce((s, d) => s + d.additional, 0);

export async function queuedOrderViews(db: Db, cp: ControlPlane, rows: readonly OperationRow[], now = new Date()): Promise<QueuedOrder[]> {
  const waiting = rows.filter((r) => r.status === "queued" && queueTicketOf(r));
  if (waiting.length === 0) return [];
  const everyone = (await queuedOperations(db)).map((r) => ({ row: r, ticket: queueTicketOf(r)! })).filter((q) => q.ticket);
  const capacity = await cp.getCapacity();
  const lines = new Map<string, Line>();
  const lineOf = async (zoneId: string, shapeId: string): Promise<Line> => {
    const key = `${zoneId}\u0000${shapeId}`;
    const known = lines.get(key);
    if (known) return known;
    const line: Line = {
      entries: everyone.filter((q) => q.ticket.zoneId === zoneId && nodesOf(q.ticket, shapeId) > 0).map((q) => ({ id: q.row.id, count: nodesOf(q.ticket, shapeId), createdAtMs: q.row.createdAt.getTime() })),
      available: capacity.find((c) => c.zoneId === zoneId && c.shapeId === shapeId)?.available ?? 0,
      outlook: await cp.getReleaseOutlook(zoneId, shapeId),
    };
    lines.set(key, line);
    return line;
  };

  const out: QueuedOrder[] = [];
  for (const row of waiting) {
    const ticket = queueTicketOf(row)!;
    const shapes = [...new Set(ticket.demands.filter((d) => d.additional > 0).map((d) => d.shapeId))];
    let decisive: { shapeId: string; estimate: Estimate } | null = null;
    const ahead = new Set<string>();
    for (const shapeId of shapes) {
      const line = await lineOf(ticket.zoneId, shapeId);
      if (!line.entries.some((e) => e.id === row.id)) continue;
      for (const e of line.entries) if (e.createdAtMs < row.createdAt.getTime() || (e.createdAtMs === row.createdAt.getTime() && e.id < row.id)) ahead.add(e.id);
      const estimate = estimateStart({
        nowMs: now.getTime(),
        queue: line.entries,
        requestId: row.id,
        availableNow: line.available,
        knownReleases: line.outlook.knownReleases.map((r) => ({ atMs: Date.parse(r.at), count: r.count })),
        observedReleasesPerHour: line.outlook.observedReleasesPerHour,
      });
      if (!decisive || later(estimate, decisive.estimate)) decisive = { shapeId, estimate };
    }
    if (!decisive) continue;
    out.push({
      operationId: row.id,
      kind: row.kind as QueuedOrder["kind"],
      target: { kind: row.targetKind, id: row.targetId, name: row.targetName },
      zoneId: ticket.zoneId,
      demands: ticket.demands,
      queuedAt: row.createdAt.toISOString(),
      deadline: ticket.deadline,
      position: ahead.size + 1,
      ordersAhead: ahead.size,
      estimatedStartAt: decisive.estimate.estimatedStartAtMs === null ? null : new Date(decisive.estimate.estimatedStartAtMs).toISOString(),
      estimateShapeId: decisive.shapeId,
      estimateBasis: decisive.estimate.basis,
      computedAt: now.toISOString(),
    });
  }
  return out;
}

/** "No estimate" is later than any time. */
function later(a: Estimate, b: Estimate): boolean {
  if (a.estimatedStartAtMs === null) return b.estimatedStartAtMs !== null;
  return b.estimatedStartAtMs !== null && a.estimatedStartAtMs > b.estimatedStartAtMs;
}
