import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setControlPlane } from "@/lib/control-plane";
import type { ManualClock } from "@/lib/control-plane/sim/clock";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import { installSimulator } from "@/lib/services/clusters/testing";
import { processControlPlane } from "@/lib/services/process-control-plane";
import { getReservation } from "@/lib/services/reservations/list-reservations";
import { orderReservation } from "@/lib/services/reservations/order-reservation";
import { orgWithRoles } from "@/lib/services/testing/fixtures";
import { testHooksEnabled, testHooksHandler } from "./test-hooks";

// The journeys' test hooks: on only with HINOKI_E2E_TEST_HOOKS=1 and the embedded simulator;
// when on, they move one reservation's time, console and simulator alike, and anything else
// under /_test/ is a 404.

const FLEET: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 4, unit: "node" }];

describe("test hooks", () => {
  it("exist only when HINOKI_E2E_TEST_HOOKS=1 and the console runs the embedded simulator", () => {
    expect(testHooksEnabled({})).toBe(false);
    expect(testHooksEnabled({ HINOKI_E2E_TEST_HOOKS: "true" })).toBe(false);
    expect(testHooksEnabled({ HINOKI_E2E_TEST_HOOKS: "0" })).toBe(false);
    expect(testHooksEnabled({ HINOKI_E2E_TEST_HOOKS: "1", CONTROL_PLANE_URL: "https://cp.example" })).toBe(false);
    expect(testHooksEnabled({ HINOKI_E2E_TEST_HOOKS: "1" })).toBe(true);
  });

  it("answers only the loopback interface, even when on", async () => {
    const answered: number[] = [];
    const res = { writeHead: (status: number) => answered.push(status), end: () => undefined } as unknown as http.ServerResponse;
    const req = { url: "/_test/reservations/rsv_x/start", method: "POST", socket: { remoteAddress: "10.1.2.3" } } as unknown as http.IncomingMessage;
    await testHooksHandler().handle(req, res);
    expect(answered).toEqual([404]);
  });

  describe("over HTTP", () => {
    let handle: DbHandle;
    let server: http.Server;
    let base: string;
    let clock: ManualClock;
    let acme: Awaited<ReturnType<typeof orgWithRoles>>;

    beforeAll(async () => {
      handle = await createTestDatabase();
      acme = await orgWithRoles(handle.db, "acme");
      ({ clock } = await installSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0 }));
      const hooks = testHooksHandler();
      server = http.createServer((req, res) => {
        if (hooks.matches(req)) return void hooks.handle(req, res);
        res.writeHead(418).end();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }, 180_000);
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      setControlPlane(undefined);
      await handle.close();
    });

    it("starts a pending reservation now and ends it, in the console's record too; nothing else answers", async () => {
      // The simulator starts on a Tuesday, 2030-01-01 in JST; the reservation is for Monday the 7th.
      const op = await orderReservation(await processControlPlane(), acme.as.owner, "acme", { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 1, term: "1w", startDate: "2030-01-07" }, { idempotencyKey: "hooks-1" });
      const id = op.target.id;
      expect((await getReservation(await processControlPlane(), acme.as.owner, "acme", id)).status).toBe("pending");

      expect((await fetch(`${base}/_test/reservations/${id}/start`)).status).toBe(404);
      expect((await fetch(`${base}/_test/clock/advance`, { method: "POST" })).status).toBe(404);
      expect((await fetch(`${base}/_test/reservations/rsv_nothere/start`, { method: "POST" })).status).toBe(404);

      const started = await fetch(`${base}/_test/reservations/${id}/start`, { method: "POST" });
      expect(started.status).toBe(200);
      const now = Math.floor(clock.now() / 1000) * 1000;
      expect(await getReservation(await processControlPlane(), acme.as.owner, "acme", id)).toMatchObject({
        status: "active",
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 7 * 86_400_000).toISOString(),
      });
      // Started once only.
      expect((await fetch(`${base}/_test/reservations/${id}/start`, { method: "POST" })).status).toBe(422);

      clock.advance(60_000);
      expect((await fetch(`${base}/_test/reservations/${id}/end`, { method: "POST" })).status).toBe(200);
      expect((await getReservation(await processControlPlane(), acme.as.owner, "acme", id)).status).toBe("expired");
    });
  });
});
