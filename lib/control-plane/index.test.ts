import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import { HttpControlPlane } from "./http-client";
import { getControlPlane, setControlPlane } from "./index";
import { SimulatedControlPlane } from "./sim/simulator";

// getControlPlane(): one per process, the HTTP client when CONTROL_PLANE_URL is set, otherwise
// the simulator embedded on the console's database.

describe("getControlPlane", () => {
  afterEach(() => {
    delete process.env.CONTROL_PLANE_URL;
    setControlPlane(undefined);
  });

  it("embeds the simulator on the console's database, once per process", async () => {
    const handle = await createTestDatabase();
    try {
      const first = getControlPlane();
      expect(getControlPlane()).toBe(first);
      const cp = await first;
      expect(cp).toBeInstanceOf(SimulatedControlPlane);
      expect((await cp.health()).implementation).toBe("simulator");
      expect((await cp.getCapacity({ zoneId: "jp-hokkaido-1a", shapeId: "h200-8x" }))[0].total).toBe(128);
      // The singleton lives on globalThis, where another bundle's copy of this module finds it.
      expect(await (globalThis as Record<symbol, Promise<unknown>>)[Symbol.for("hinoki.controlPlane")]).toBe(cp);
      await cp.close();
    } finally {
      await handle.close();
    }
  });

  it("talks HTTP when CONTROL_PLANE_URL is set, and lets tests install their own", async () => {
    process.env.CONTROL_PLANE_URL = "http://127.0.0.1:9";
    expect(await getControlPlane()).toBeInstanceOf(HttpControlPlane);
    const fake = { close: async () => undefined } as unknown as Awaited<ReturnType<typeof getControlPlane>>;
    setControlPlane(fake);
    expect(await getControlPlane()).toBe(fake);
  });
});
