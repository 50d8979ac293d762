import http from "node:http";
import type { AddressInfo } from "node:net";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { setControlPlane } from "@/lib/control-plane";
import { freshSimulator } from "@/lib/control-plane/testing/sim-harness";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { handleInference } from "@/lib/gateway/handler";
import { createEndpoint } from "../endpoints/create-endpoint";
import { getEndpoint } from "../endpoints/get-endpoint";
import { syncEndpoints } from "../endpoints/testing";
import { orgWithRoles } from "./fixtures";
import { processControlPlane } from "@/lib/services/process-control-plane";

// For service tests of what sits behind the inference gateway: a test database, the embedded
// simulator with instant timing, the real gateway handler on a loopback port (for the official
// `openai` client), and an org with every role.

export interface GatewayHarness {
  handle: DbHandle;
  sim: SimulatedControlPlane;
  org: Awaited<ReturnType<typeof orgWithRoles>>;
  baseUrl: string;
  /** A one-replica Sarashina endpoint on an L40S, running. */
  runningEndpoint(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startGatewayHarness(slug: string): Promise<GatewayHarness> {
  const handle = await createTestDatabase();
  const { sim } = await freshSimulator(handle.db, { timing: { speed: Infinity, coldStartFactor: 0 } });
  setControlPlane(sim);
  const org = await orgWithRoles(handle.db, slug);
  const server = http.createServer((req, res) => void handleInference(req, res));
  // As the console's server (main.ts): an idle client socket is not closed under a client that
  // is about to reuse it (Node's 5 s default races a slow test's next request).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    handle,
    sim,
    org,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async runningEndpoint(name) {
      const { id } = await createEndpoint(await processControlPlane(), org.as.developer, org.slug, { name, modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 1, maxReplicas: 1 });
      for (let i = 0; i < 3; i++) {
        await sim.advance(1_000);
        await syncEndpoints(handle.db);
      }
      const endpoint = await getEndpoint(org.as.developer, org.slug, id);
      if (endpoint.status !== "running") throw new Error(`endpoint ${name} is ${endpoint.status}, not running`);
      return id;
    },
    async close() {
      server.close();
      await sim.close();
      setControlPlane(undefined);
      await handle.close();
    },
  };
}
