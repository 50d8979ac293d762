import "server-only";
import { deadlineProblem, type QueueRequest, type QueueTicket } from "@/lib/domain/queued-orders";
import type { PoolCheck } from "@/lib/domain/clusters";
import { AppError } from "@/lib/domain/errors";
import type { PoolDemand } from "./launch-checks";

// A launch or scale-up that asked to wait for capacity (空き待ち): what it waits for, recorded on
// its operation. Only on-demand nodes wait; a pool drawing on a reservation has its room already.

export function queueTicketFor(request: QueueRequest | undefined, zone: { zoneId: string; regionId: string }, demands: PoolDemand[], now: Date): QueueTicket | undefined {
  if (!request) return undefined;
  const problem = deadlineProblem(request.deadline, now);
  if (problem) throw new AppError("validation_failed", problem, { field: "queue.deadline" });
  return {
    zoneId: zone.zoneId,
    regionId: zone.regionId,
    demands: demands.filter((d) => !d.reservationId && d.additional > 0).map((d) => ({ shapeId: d.shapeId, additional: d.additional, topology: d.topology })),
    deadline: request.deadline ? new Date(request.deadline).toISOString() : null,
    queuedAt: now.toISOString(),
  };
}

/** Waits in the queue rather than being refused: it asked to, and only capacity is short. */
export const waitsForCapacity = (ticket: QueueTicket | undefined, checks: PoolCheck[]): boolean => ticket !== undefined && checks.some((c) => c.fits === false);
