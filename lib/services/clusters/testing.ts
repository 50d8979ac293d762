import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { gpuReservations } from "@/lib/db/schema";
import type { ControlPlane } from "@/lib/control-plane";
import { setControlPlane } from "@/lib/control-plane";
import { freshSimulator } from "@/lib/control-plane/testing/sim-harness";
import type { SimulatorOptions } from "@/lib/control-plane/sim/simulator";
import { AppError } from "@/lib/domain/errors";
import { runOperations } from "../operations/run-operations";

// Test helpers for the clusters services (used by *.test.ts only).

/** A simulator on a manual clock, installed as the console's control plane, with an outage switch. */
export async function installSimulator(db: Db, options: Partial<SimulatorOptions> = {}) {
  const { sim, clock } = await freshSimulator(db, options);
  const state = { down: false };
  const flaky = new Proxy(sim as unknown as ControlPlane, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (state.down && prop !== "close") return Promise.reject(new AppError("control_plane_unavailable", "connection refused"));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  setControlPlane(flaky);
  return {
    sim,
    clock,
    controlPlane: flaky,
    setDown(down: boolean) {
      state.down = down;
    },
    /** Moves simulated time on and lets the console catch up, like the background loop would. */
    async settle(ms = 120_000) {
      await sim.advance(ms);
      await runOperations(db, flaky, { now: new Date(Date.now() + 60_000) });
    },
  };
}

export async function reservedGpus(db: Db, resourceId: string): Promise<Record<string, number>> {
  const rows = await db.select().from(gpuReservations).where(and(eq(gpuReservations.resourceId, resourceId)));
  return Object.fromEntries(rows.map((r) => [r.gpuModel, r.gpus]));
}
