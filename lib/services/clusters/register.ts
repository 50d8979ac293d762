import "server-only";
import { registerDemoSeeder } from "../demo/seed-demo-data";
import { getControlPlane } from "@/lib/control-plane";
import { seedDemoCluster } from "./seed-demo-cluster";

// The clusters capability's server-side registrations (loaded by lib/server/capabilities.ts):
// the demo cluster. Cluster operations are submitted and followed by the operations runner
// (lib/services/operations/register.ts) through the clusters' adapter (./cluster-operations.ts).
// (The control plane's health probe is registered by lib/services/control-plane-status.)

registerDemoSeeder("clusters", async (db) => seedDemoCluster(await getControlPlane(), db));
