import "server-only";
import type { HardwareFault } from "@/lib/domain/telemetry";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { openDatabase } from "@/lib/db/client";
import { ManualClock, SystemClock } from "../sim/clock";
import { simulatorSettingsFromEnv } from "../sim/env";
import { SimulatedControlPlane } from "../sim/simulator";
import { createControlPlaneServer } from "./server";

// `npm run control-plane`: the simulator as a standalone control plane over HTTP, with its own
// database (a PGlite data directory, or PostgreSQL when CONTROL_PLANE_DATABASE_URL is set).
//
//   CONTROL_PLANE_PORT          4010 (0 = any free port; the chosen one is printed)
//   CONTROL_PLANE_HOST          127.0.0.1
//   CONTROL_PLANE_DATA_DIR      .data/control-plane
//   CONTROL_PLANE_DATABASE_URL  PostgreSQL instead of PGlite
//   CONTROL_PLANE_TOKEN         require this bearer token
//   HINOKI_SIM_*                simulator timing, failures, fleet (lib/control-plane/sim/env.ts)
//   HINOKI_SIM_CLOCK=manual     tests only: time moves by POST /_sim/advance, faults by /_sim/faults
//   HINOKI_SIM_START_TIME       tests only: the manual clock's start (ISO 8601)

async function main(): Promise<void> {
  const port = Number(process.env.CONTROL_PLANE_PORT ?? 4010);
  const host = process.env.CONTROL_PLANE_HOST ?? "127.0.0.1";
  const dataDir = path.resolve(process.env.CONTROL_PLANE_DATA_DIR ?? ".data/control-plane");
  const databaseUrl = process.env.CONTROL_PLANE_DATABASE_URL || undefined;
  const manual = process.env.HINOKI_SIM_CLOCK === "manual";

  const handle = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: path.join(dataDir, "pglite") });
  const settings = simulatorSettingsFromEnv();
  const clock = manual ? new ManualClock(process.env.HINOKI_SIM_START_TIME ? Date.parse(process.env.HINOKI_SIM_START_TIME) : undefined) : new SystemClock();
  const sim = await SimulatedControlPlane.open({
    db: handle.db,
    clock,
    timing: settings.timing,
    failures: settings.failures,
    meteringIntervalSeconds: settings.meteringIntervalSeconds,
    fleetScale: settings.fleetScale,
  });
  if (!manual) sim.start();

  const server = createControlPlaneServer({
    controlPlane: sim,
    token: process.env.CONTROL_PLANE_TOKEN || undefined,
    testControls: manual
      ? {
          async advance(ms) {
            await sim.advance(ms);
            return { now: new Date(clock.now()).toISOString() };
          },
          async injectHardwareFault(nodeId, fault, gpuIndex) {
            await sim.injectHardwareFault(nodeId, fault as HardwareFault, gpuIndex);
          },
        }
      : null,
  });
  server.keepAliveTimeout = 5_000;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`control plane: ${signal}, shutting down`);
    server.close();
    server.closeAllConnections();
    await sim.close();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  server.listen(port, host, () => {
    const { port: actual } = server.address() as AddressInfo;
    console.log(`control plane listening on http://${host}:${actual} (${databaseUrl ? "postgres" : `pglite ${dataDir}`}${manual ? ", manual clock" : ""})`);
  });
}

main().catch((error) => {
  console.error("control plane failed to start:", error);
  process.exit(1);
});
