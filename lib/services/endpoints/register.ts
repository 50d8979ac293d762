import "server-only";
import { getDb } from "@/lib/db/client";
import { getControlPlane } from "@/lib/control-plane";
import "@/lib/gateway/register";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { intervalSetting } from "@/lib/server/env-settings";
import { registerDemoSeeder } from "../demo/seed-demo-data";
import { flushMetering } from "./metering-buffer";
import { seedDemoEndpoint } from "./seed-demo-endpoint";
import { reconcileEndpoints } from "./reconcile-endpoints";

// The endpoints capability's server-side parts: the inference gateway (a plain Node handler in
// front of Next), the slower reconcile that copies what changes without an operation of ours
// (autoscaling, scale to zero) into the console's records, and the task that writes the gateway's
// metering roll-ups in batches. Endpoint operations are followed by the operations runner.

registerBackgroundTask({
  name: "endpoints.reconcile",
  intervalMs: intervalSetting("HINOKI_ENDPOINT_RECONCILE_MS", 15_000),
  // Once per fleet (lease): it copies the control plane's view into the console's records.
  fleetOnce: true,
  run: async () => reconcileEndpoints(await getDb(), await getControlPlane()),
});

registerBackgroundTask({
  name: "endpoints.metering-flush",
  intervalMs: intervalSetting("HINOKI_METERING_FLUSH_MS", 2_000),
  // Every instance: it writes this process's own in-memory roll-ups. N instances flushing the
  // same endpoint and minute add up (the upsert adds counts and merges histograms), so nothing
  // is lost or counted twice (metering-buffer.test.ts).
  fleetOnce: false,
  run: async () => {
    await flushMetering(await getDb());
  },
});

registerDemoSeeder("endpoints", async (db) => seedDemoEndpoint(await getControlPlane(), db));
