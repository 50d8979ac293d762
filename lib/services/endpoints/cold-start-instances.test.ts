import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { setControlPlane } from "@/lib/control-plane";
import { HttpControlPlane } from "@/lib/control-plane/http-client";
import { createControlPlaneServer } from "@/lib/control-plane/server/server";
import { freshSimulator } from "@/lib/control-plane/testing/sim-harness";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { orgWithRoles } from "../testing/fixtures";
import { createEndpoint } from "./create-endpoint";
import { listScalingEvents } from "./list-scaling-events";
import { syncEndpoints } from "./testing";

// The gateway's cold-start queue is per process (a waiting request lives where its socket is);
// the wake-up is the control plane's. Two console instances that each get requests for an
// endpoint at zero ask the control plane many times, and one replica starts: the others wait for
// the replica already starting. A manual clock holds the cold start open while they all arrive.

let handle: DbHandle;
let sim: SimulatedControlPlane;
let server: http.Server;

beforeAll(async () => {
  handle = await createTestDatabase();
  ({ sim } = await freshSimulator(handle.db, { timing: { speed: 1, coldStartFactor: 1 } }));
  setControlPlane(sim);
  server = createControlPlaneServer({ controlPlane: sim });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  server?.close();
  await sim?.close();
  setControlPlane(undefined);
  await handle?.close();
});

describe("a cold start with N console instances", () => {
  it("starts one replica for the requests of two instances at zero, and answers them all", async () => {
    const acme = await orgWithRoles(handle.db, "acme-cold");
    const { id } = await createEndpoint(sim, acme.as.developer, acme.slug, { name: "cold-two", modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 0, maxReplicas: 3 });
    for (let i = 0; i < 10 && (await sim.getEndpoint(id)).status !== "running"; i++) {
      await sim.advance(10_000);
      await syncEndpoints(handle.db);
    }
    expect((await sim.getEndpoint(id)).status).toBe("running");
    expect((await sim.getEndpoint(id)).replicas.current).toBe(0);

    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const instances = [new HttpControlPlane({ baseUrl, retries: 0 }), new HttpControlPlane({ baseUrl, retries: 0 })];
    let arrived = 0;
    const count = (req: http.IncomingMessage) => {
      if (req.url?.includes("/chat/completions")) arrived++;
    };
    server.on("request", count);
    try {
      let answered = 0;
      const asked = instances.flatMap((cp, i) =>
        Array.from({ length: 4 }, (_, k) => cp.infer(id, { messages: [{ role: "user", content: `インスタンス${i}の質問${k}` }] }).then((a) => (answered++, a))),
      );
      // Every request has reached the control plane and waits for the replica starting (the clock holds it).
      while (arrived < asked.length || (await listScalingEvents(sim, acme.as.viewer, acme.slug, id)).items.length === 0) await new Promise((r) => setTimeout(r, 20));
      expect(answered).toBe(0);
      while (answered < asked.length) {
        await sim.advance(5_000);
        await new Promise((r) => setTimeout(r, 20));
      }
      const answers = await Promise.all(asked);
      expect(answers.every((a) => a.choices.length === 1)).toBe(true);
      const causes = (await listScalingEvents(sim, acme.as.viewer, acme.slug, id)).items.map((e) => e.cause);
      expect(causes.filter((c) => c === "request_at_zero")).toHaveLength(1);
      expect((await sim.getEndpoint(id)).replicas.current).toBe(1);
    } finally {
      server.off("request", count);
      await Promise.all(instances.map((cp) => cp.close()));
    }
  });
});
