import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { getHealthFor, registerHealthProbe } from "./get-health";

// /api/health is public: load balancers and the console's outage banner read it. Anonymous
// callers learn up or down, nothing about hosts, ports or drivers (issue 14); people signed in
// see which part is down (the banner says so); provider staff get the details.

describe("health, by who asks", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  const secretDetail = "connect ECONNREFUSED 10.20.30.40:9443 (cp.internal.hinoki.example)";
  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    registerHealthProbe("controlPlane", async () => ({ status: "down", detail: secretDetail, latencyMs: 3000 }));
  });
  afterAll(async () => handle.close());

  it("tells an anonymous caller the status only", async () => {
    const health = await getHealthFor(null);
    expect(health).toEqual({ status: "degraded" });
    expect(JSON.stringify(health)).not.toMatch(/10\.20\.30\.40|pglite|postgres|ECONNREFUSED/);
  });

  it("tells a customer which part is down, without the details", async () => {
    const health = await getHealthFor(acme.as.viewer);
    expect(health).toEqual({ status: "degraded", components: { database: { status: "ok" }, controlPlane: { status: "down" } } });
  });

  it("gives provider staff the details", async () => {
    const staff = await principalOf(handle.db, await createUser(handle.db, "ops@hinoki.example", { staffRole: "platform_admin" }));
    const health = await getHealthFor(staff);
    expect(health.components?.controlPlane).toEqual({ status: "down", detail: secretDetail, latencyMs: 3000 });
    expect(health.components?.database).toMatchObject({ status: "ok", detail: expect.stringMatching(/pglite|postgres/) });
  });
});
