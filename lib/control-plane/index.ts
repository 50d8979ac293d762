import "server-only";
import { getDb } from "@/lib/db/client";
import type { ControlPlane } from "./control-plane";
import { HttpControlPlane } from "./http-client";
import { simulatorSettingsFromEnv } from "./sim/env";
import { SimulatedControlPlane } from "./sim/simulator";

// The console's one way to reach the fleet. A process-wide singleton on globalThis (Next's
// bundles and the custom server each carry a copy of this module; there must be one simulator
// ticking per database): the HTTP client when CONTROL_PLANE_URL is set, otherwise the embedded
// simulator on the console's own database, with its ticker running.

export type { ControlPlane, InferOptions, InferStream } from "./control-plane";
export { isInferStream } from "./control-plane";

const KEY = Symbol.for("hinoki.controlPlane");
type GlobalWithControlPlane = typeof globalThis & { [KEY]?: Promise<ControlPlane> };

async function create(): Promise<ControlPlane> {
  const url = process.env.CONTROL_PLANE_URL;
  if (url) return new HttpControlPlane({ baseUrl: url, token: process.env.CONTROL_PLANE_TOKEN || undefined });
  const settings = simulatorSettingsFromEnv();
  const sim = await SimulatedControlPlane.open({
    db: await getDb(),
    timing: settings.timing,
    failures: settings.failures,
    meteringIntervalSeconds: settings.meteringIntervalSeconds,
    fleetScale: settings.fleetScale,
  });
  sim.start();
  return sim;
}

export function getControlPlane(): Promise<ControlPlane> {
  const g = globalThis as GlobalWithControlPlane;
  g[KEY] ??= create().catch((error) => {
    g[KEY] = undefined;
    throw error;
  });
  return g[KEY];
}

/** Tests (and scripts) install their own implementation; undefined resets to the default. */
export function setControlPlane(controlPlane: ControlPlane | undefined): void {
  (globalThis as GlobalWithControlPlane)[KEY] = controlPlane ? Promise.resolve(controlPlane) : undefined;
}
