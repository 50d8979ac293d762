import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import { seedDemoData } from "./seed-demo-data";
import { counts, expected } from "./testing";

// The demo seed runs at every start. Run again it adds nothing (three instances at once on one
// PostgreSQL: seed-demo-data.postgres.test.ts).

describe("demo seed", () => {
  it("seeds once, and a second start adds nothing", async () => {
    const handle = await createTestDatabase();
    try {
      expect(await seedDemoData(handle)).toEqual({ seededNow: true });
      expect(await seedDemoData(handle)).toEqual({ seededNow: false });
      expect(await counts(handle)).toEqual(expected);
    } finally {
      await handle.close();
    }
  });
});
