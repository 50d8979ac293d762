import "server-only";
import { and, isNull, notInArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { endpoints } from "@/lib/db/schema";
import type { ControlPlane } from "@/lib/control-plane";
import { isAppError } from "@/lib/domain/errors";
import { applyControlPlaneEndpoint } from "./apply-control-plane-endpoint";
import { invalidateEndpoint } from "./gateway-cache";
import type { EndpointRow } from "./records";

// The slower reconcile: what changes on the control plane without an operation of ours
// (autoscaling, scale to zero, a replica lost) is copied into the console's records. Operations
// themselves are followed by the operations runner; this runs every HINOKI_ENDPOINT_RECONCILE_MS
// (default 15 s), one listing per org with a live endpoint.

export async function reconcileEndpoints(db: Db, cp: ControlPlane): Promise<void> {
  const rows = await db
    .select()
    .from(endpoints)
    .where(and(isNull(endpoints.deletedAt), notInArray(endpoints.status, ["failed", "deleted"])));
  const byOrg = new Map<string, EndpointRow[]>();
  for (const row of rows) byOrg.set(row.orgId, [...(byOrg.get(row.orgId) ?? []), row]);
  for (const [orgId, list] of byOrg) {
    let live;
    try {
      live = new Map((await cp.listEndpoints(orgId)).map((e) => [e.id, e]));
    } catch (error) {
      if (isAppError(error) && error.code === "control_plane_unavailable") return;
      throw error;
    }
    for (const row of list) {
      const found = live.get(row.id);
      if (!found) continue;
      if (await db.transaction((tx) => applyControlPlaneEndpoint(tx, row, found))) invalidateEndpoint(row.id);
    }
  }
}
