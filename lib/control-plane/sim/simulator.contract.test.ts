import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { controlPlaneContract } from "../testing/contract";
import { freshSimulator } from "../testing/sim-harness";

// The contract, against the embedded simulator on the test database (PGlite, or PostgreSQL
// when TEST_DATABASE_URL is set).
controlPlaneContract("embedded simulator", async () => {
  const handle: DbHandle = await createTestDatabase();
  const { sim } = await freshSimulator(handle.db);
  return {
    cp: sim,
    advance: (ms) => sim.advance(ms),
    close: async () => {
      await sim.close();
      await handle.close();
    },
  };
});
