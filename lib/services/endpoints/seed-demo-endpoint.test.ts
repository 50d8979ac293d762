import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, endpoints, orgs, users } from "@/lib/db/schema";
import { createTestDatabase } from "@/lib/db/testing";
import { setControlPlane } from "@/lib/control-plane";
import { freshSimulator } from "@/lib/control-plane/testing/sim-harness";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { seedDemoData } from "../demo/seed-demo-data";
import { DEMO_ENDPOINT, seedDemoEndpoint } from "./seed-demo-endpoint";
import { syncEndpoints } from "./testing";
import { processControlPlane } from "@/lib/services/process-control-plane";

// A fresh console's demo org serves one endpoint: ordered like a customer's, running after the
// simulator provisions it, and ordered once however often the console starts.

describe("demo endpoint", () => {
  let handle: DbHandle;
  let sim: SimulatedControlPlane;
  beforeAll(async () => {
    handle = await createTestDatabase();
    ({ sim } = await freshSimulator(handle.db, { timing: { speed: Infinity, coldStartFactor: 0 } }));
    setControlPlane(sim);
    await seedDemoData(handle);
  });
  afterAll(async () => handle.close());

  it("is ordered once by the demo owner, audited, and runs", async () => {
    await seedDemoEndpoint(await processControlPlane(), handle.db);
    await seedDemoEndpoint(await processControlPlane(), handle.db); // a restart
    const [org] = await handle.db.select().from(orgs).where(eq(orgs.slug, DEMO_ENDPOINT.org));
    const rows = await handle.db.select().from(endpoints).where(eq(endpoints.orgId, org.id));
    expect(rows.map((r) => r.name)).toEqual([DEMO_ENDPOINT.input.name]);
    const [owner] = await handle.db.select().from(users).where(eq(users.email, DEMO_ENDPOINT.orderedBy));
    const audit = await handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, rows[0].id));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["endpoint.create", owner.id]]);
    for (let i = 0; i < 3; i++) {
      await sim.advance(1_000);
      await syncEndpoints(handle.db);
    }
    const [endpoint] = await handle.db.select().from(endpoints).where(eq(endpoints.id, rows[0].id));
    expect(endpoint.status).toBe("running");
  });
});
