import "server-only";
import { getDb } from "@/lib/db/client";
import "@/lib/gateway/register";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { registerDemoSeeder } from "../demo/seed-demo-data";
import { flushMetering } from "./metering-buffer";
import { seedDemoEndpoint } from "./seed-demo-endpoint";
import { syncEndpoints } from "./sync-endpoints";

// The endpoints capability's server-side parts: the inference gateway (a plain Node handler in
// front of Next), the task that keeps endpoint orders in step with the control plane, and the
// task that writes the gateway's metering roll-ups in batches.

registerBackgroundTask({
  name: "endpoints.sync",
  intervalMs: Number(process.env.HINOKI_ENDPOINT_SYNC_MS ?? 1_000),
  // Once per fleet (lease): it copies the control plane's view into the console's records.
  fleetOnce: true,
  run: async () => syncEndpoints(await getDb()),
});

registerBackgroundTask({
  name: "endpoints.metering-flush",
  intervalMs: Number(process.env.HINOKI_METERING_FLUSH_MS ?? 2_000),
  // Every instance: it writes this process's own in-memory roll-ups. N instances flushing the
  // same endpoint and minute add up (the upsert adds counts and merges histograms), so nothing
  // is lost or counted twice (metering-buffer.test.ts).
  fleetOnce: false,
  run: async () => {
    await flushMetering(await getDb());
  },
});

registerDemoSeeder("endpoints", seedDemoEndpoint);
