import "server-only";
import { getDb } from "@/lib/db/client";
import { getControlPlane } from "@/lib/control-plane";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { registerDemoSeeder } from "../demo/seed-demo-data";
import { syncOperations } from "./follow-operations";
import { seedDemoCluster } from "./seed-demo-cluster";

// The clusters capability's server-side registrations (loaded by lib/server/capabilities.ts):
// the sync loop that submits pending orders and follows running operations, and the demo cluster.
// (The control plane's health probe is registered by lib/services/control-plane-status.)

// Every second: an idle tick is one indexed query, and a status change reaches the console (and the
// page polling it) within about a second of the control plane making it.
const SYNC_INTERVAL_MS = Number(process.env.HINOKI_CLUSTER_SYNC_MS ?? 1000);

registerBackgroundTask({
  name: "clusters.sync",
  intervalMs: SYNC_INTERVAL_MS,
  // Once per fleet (lease). Twice would still be safe: each step re-reads the operation under a
  // row lock and acts only if it is still open, and the control plane takes the operation id as
  // its idempotency key — reads of one cluster run this same sync beside the loop.
  fleetOnce: true,
  async run() {
    await syncOperations(await getDb(), await getControlPlane());
  },
});

registerDemoSeeder("clusters", seedDemoCluster);
