import { SHAPES } from "../../catalog";
import type { MeteringRecord } from "../../metering";
import type { Prng } from "./prng";

// Random but plausible metering records for property tests: every meter, every shape, intervals
// from a second to three days that often straddle JST midnight and month ends.

const ZONES = [
  ["jp-tokyo-1", "jp-tokyo-1a"],
  ["jp-tokyo-1", "jp-tokyo-1b"],
  ["jp-osaka-1", "jp-osaka-1a"],
  ["jp-hokkaido-1", "jp-hokkaido-1a"],
] as const;

export interface RandomRecordOptions {
  count: number;
  orgIds: readonly string[];
  /** Intervals start in [from, to). */
  from: Date;
  to: Date;
  idPrefix?: string;
  resourcesPerOrg?: number;
}

export function randomRecords(rng: Prng, options: RandomRecordOptions): MeteringRecord[] {
  const out: MeteringRecord[] = [];
  const span = options.to.getTime() - options.from.getTime();
  const resources = options.resourcesPerOrg ?? 12;
  for (let i = 0; i < options.count; i++) {
    const orgId = rng.pick(options.orgIds);
    const [regionId, zoneId] = rng.pick(ZONES);
    const resourceNo = rng.int(1, resources);
    const resourceKind = resourceNo % 3 === 0 ? "endpoint" : "cluster";
    const meter = resourceKind === "endpoint" ? (rng.chance(0.3) ? "tokens" : "node") : rng.chance(0.15) ? "control_plane" : "node";
    // Mostly whole seconds near hour boundaries, sometimes odd lengths that cross JST midnight.
    const startSec = Math.floor((rng.next() * span) / 1000);
    const start = options.from.getTime() + startSec * 1000 + (rng.chance(0.1) ? rng.int(0, 999) : 0);
    const lengthSec = rng.chance(0.6) ? rng.pick([60, 300, 3600]) : rng.int(0, 3 * 86400);
    const end = start + lengthSec * 1000;
    const shape = rng.pick(SHAPES);
    const held = meter === "tokens" ? 0 : rng.chance(0.8) ? lengthSec : rng.int(0, lengthSec);
    out.push({
      id: `${options.idPrefix ?? "mr"}_${i.toString(36)}_${rng.int(0, 1e9).toString(36)}`,
      tenantId: orgId,
      resourceId: `${resourceKind === "cluster" ? "cl" : "ep"}_${orgId}_${resourceNo}`,
      resourceKind,
      meter,
      shapeId: meter === "node" ? shape.id : null,
      controlPlaneTier: meter === "control_plane" ? rng.pick(["single", "ha"] as const) : null,
      regionId,
      zoneId,
      intervalStart: new Date(start).toISOString(),
      intervalEnd: new Date(end).toISOString(),
      seconds: held,
      gpuSeconds: meter === "node" ? held * shape.gpuCount : 0,
      inputTokens: meter === "tokens" ? rng.int(0, 5_000_000) : 0,
      outputTokens: meter === "tokens" ? rng.int(0, 2_000_000) : 0,
      requests: meter === "tokens" ? rng.int(0, 10_000) : 0,
      sequence: i,
    });
  }
  return out;
}
