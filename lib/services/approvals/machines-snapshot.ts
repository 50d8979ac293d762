import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import type { DbOrTx } from "@/lib/db/client";
import type { ApprovalSnapshot } from "@/lib/domain/approval-requests";
import { findShape, findZone } from "@/lib/domain/catalog";
import { checkCapacity, checkQuota } from "../clusters/launch-checks";

// Capacity and quota as the requester saw them, kept on a 稟議 for machines of one shape (endpoint
// replicas, the nodes a pool scale-up adds): the approvers read it, the re-check at approval decides.

export interface MachinesDemand {
  zoneId: string;
  shapeId: string;
  /** Machines asked for on top of what is held (the capacity the zone must have free). */
  additional: number;
  /** GPUs the resource would hold in all after the order (the quota line). */
  gpus: number;
  field: string;
  /** The resource being scaled: what it holds already is not counted twice. */
  exceptResourceId?: string;
  topology?: "rack" | null;
  reservationId?: string | null;
}

export async function machinesSnapshot(cp: ControlPlane, db: DbOrTx, orgId: string, demand: MachinesDemand): Promise<ApprovalSnapshot> {
  const capacity = await checkCapacity(cp, db, orgId, demand.zoneId, [
    { index: 0, field: demand.field, shapeId: demand.shapeId, additional: demand.additional, topology: demand.topology ?? null, reservationId: demand.reservationId ?? null },
  ]);
  const gpuModel = findShape(demand.shapeId)?.gpuModel;
  const regionId = findZone(demand.zoneId)?.regionId;
  const quota = gpuModel && regionId && demand.gpus > 0 ? await checkQuota(db, orgId, regionId, new Map([[gpuModel, demand.gpus]]), demand.exceptResourceId) : [];
  return { capacityKnown: capacity.known, pools: capacity.pools, quota };
}
