import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/lib/db/client";
import { isAppError, type ErrorCode } from "@/lib/domain/errors";
import { ulid } from "@/lib/domain/ids";
import type { MeteringRecord } from "@/lib/domain/metering";
import { ManualClock } from "../sim/clock";
import { rowsOf } from "../sim/db";
import { SimulatedControlPlane, type SimulatorOptions } from "../sim/simulator";

// Shared by the simulator's tests. Opening a database costs seconds, so a test file opens one
// and each test starts from empty simulator tables with the fleet it needs.

export const TEST_START = Date.UTC(2030, 0, 1, 9, 0, 0);

const TABLES = [
  "cp_meta",
  "cp_hosts",
  "cp_gpus",
  "cp_clusters",
  "cp_endpoints",
  "cp_placements",
  "cp_operations",
  "cp_idempotency_keys",
  "cp_metering_records",
  "cp_token_usage",
  "cp_cluster_credentials",
  "cp_reservations",
  "cp_reservation_hosts",
  "cp_health_events",
  "cp_node_replacements",
  "cp_scaling_events",
];

export async function resetSimulatorTables(db: Db): Promise<void> {
  await db.execute(sql.raw(`truncate ${TABLES.join(", ")} restart identity`));
}

/** A fresh simulator on a manual clock, demo timing, no pauses between streamed tokens. */
export async function freshSimulator(db: Db, options: Partial<SimulatorOptions> = {}): Promise<{ sim: SimulatedControlPlane; clock: ManualClock }> {
  await resetSimulatorTables(db);
  const clock = new ManualClock(TEST_START);
  const sim = await SimulatedControlPlane.open({ db, clock, ...options, timing: { tokenDelayMs: 0, ...options.timing } });
  return { sim, clock };
}

export const uniqueId = (prefix: string) => `${prefix}_${ulid().slice(-10)}`;

/** Awaits a rejection and checks it is the AppError a caller would branch on. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (!isAppError(error)) throw error;
    expect(error.code, error.message).toBe(code);
    return error;
  }
  throw new Error(`expected AppError ${code}, but the call succeeded`);
}

/**
 * The placement invariant, read from the tables: on every host, live placements hold disjoint
 * slots, their union is exactly what the host records as used, and never more than it has.
 */
export async function expectNoOvercommit(db: Db): Promise<{ usedSlots: number; slots: number }> {
  const hosts = rowsOf<{ id: string; slots: number; used_slots: number; used_mask: number }>(await db.execute(sql`select id, slots, used_slots, used_mask from cp_hosts`));
  const placements = rowsOf<{ host_id: string; slot_mask: number }>(await db.execute(sql`select host_id, slot_mask from cp_placements where state <> 'released'`));
  const masks = new Map<string, number[]>();
  for (const p of placements) masks.set(p.host_id, [...(masks.get(p.host_id) ?? []), p.slot_mask]);
  let usedSlots = 0;
  let slots = 0;
  for (const host of hosts) {
    let union = 0;
    for (const mask of masks.get(host.id) ?? []) {
      expect(union & mask, `host ${host.id}: two placements share a slot`).toBe(0);
      union |= mask;
    }
    expect(union, `host ${host.id}: used mask disagrees with its placements`).toBe(host.used_mask);
    expect(host.used_slots).toBe(popcount(union));
    expect(host.used_slots).toBeLessThanOrEqual(host.slots);
    usedSlots += host.used_slots;
    slots += host.slots;
  }
  return { usedSlots, slots };
}

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}

/** Every metering record the simulator has closed so far, page by page from the start. */
export async function allMetering(sim: SimulatedControlPlane): Promise<MeteringRecord[]> {
  const out: MeteringRecord[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await sim.meteringSince(cursor, 5000);
    out.push(...page.records);
    if (page.records.length === 0) return out;
    cursor = page.nextCursor;
  }
}
