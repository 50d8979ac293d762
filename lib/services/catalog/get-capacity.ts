import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { staffSessionIsStrong } from "@/lib/auth/sign-in-policy-gate";
import type { ControlPlane } from "@/lib/control-plane";
import { processSingleton } from "@/lib/server/process-singleton";
import { findRegion, findShape, findZone } from "@/lib/domain/catalog";
import { CapacityQuery, type CapacityReport } from "@/lib/domain/catalog-api";
import type { ShapeCapacity } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";

// Live availability per zone and shape, from the control plane. Customers see a level
// (available / limited / sold out); provider staff also see the exact counts — how much of
// the fleet is free is the operator's business, not every tenant's.
//
// Answers are shared for a few seconds: every open shapes page and every launch form polls
// this, and the fleet does not change faster than people can read it.

const TTL_MS = 3_000;
type Cached = { at: number; observedAt: string; rows: Promise<ShapeCapacity[]> };
const cache = () => processSingleton<{ entry?: Cached }>("capacityCache", () => ({}));

async function fleetCapacity(cp: ControlPlane): Promise<{ rows: ShapeCapacity[]; observedAt: string }> {
  const c = cache();
  const now = Date.now();
  if (!c.entry || now - c.entry.at > TTL_MS) {
    const rows = cp.getCapacity();
    const entry: Cached = { at: now, observedAt: new Date(now).toISOString(), rows };
    c.entry = entry;
    // A failed answer is not kept: the next caller asks again.
    rows.catch(() => {
      if (c.entry === entry) c.entry = undefined;
    });
  }
  const entry = c.entry!;
  return { rows: await entry.rows, observedAt: entry.observedAt };
}

/** Tests that change the fleet read it again at once. */
export function forgetCapacity(): void {
  cache().entry = undefined;
}

export function isProviderStaff(principal: Principal | null): boolean {
  // Staff on a session without a second factor see what a customer sees (the staff rule).
  return principal?.kind === "user" && principal.staffRole !== null && staffSessionIsStrong(principal);
}

export async function getCapacity(cp: ControlPlane, principal: Principal | null, rawQuery: CapacityQuery = {}): Promise<CapacityReport> {
  const query = CapacityQuery.parse(rawQuery);
  if (query.regionId && !findRegion(query.regionId)) throw new AppError("validation_failed", "unknown region", { field: "regionId" });
  if (query.zoneId && !findZone(query.zoneId)) throw new AppError("validation_failed", "unknown zone", { field: "zoneId" });
  if (query.shapeId && !findShape(query.shapeId)) throw new AppError("validation_failed", "unknown shape", { field: "shapeId" });
  const exact = isProviderStaff(principal);
  const { rows, observedAt } = await fleetCapacity(cp);
  const items = rows
    .filter((c) => (!query.regionId || c.regionId === query.regionId) && (!query.zoneId || c.zoneId === query.zoneId) && (!query.shapeId || c.shapeId === query.shapeId))
    .map((c) => ({
      regionId: c.regionId,
      zoneId: c.zoneId,
      shapeId: c.shapeId,
      level: c.level,
      counts: exact ? { unit: c.unit, total: c.total, allocated: c.allocated, available: c.available, wholeRacksAvailable: c.wholeRacksAvailable } : null,
    }));
  return { items, observedAt, exact };
}
