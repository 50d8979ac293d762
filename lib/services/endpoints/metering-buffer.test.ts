import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createSharedTestDatabase } from "@/lib/db/testing";
import { endpointMetrics } from "@/lib/db/schema";
import { flushMetering, recordRequest, type RequestSample } from "./metering-buffer";

// The gateway's metering flush runs on every console instance (it writes that process's own
// roll-ups), so instances flush the same endpoint and minute into the same row. Their counts
// must add up — never overwrite one another. On PostgreSQL the two flushes go through two
// instances' pools; PostgreSQL's ON CONFLICT DO UPDATE applies each to the row the other committed.

const minute = Date.UTC(2026, 10, 23, 1, 2, 0);
const sample = (overrides: Partial<RequestSample>): RequestSample => ({
  endpointId: "ep_FLEETFLUSH000000000000000",
  orgId: "org_FLEETFLUSH00000000000000",
  keyId: null,
  ok: true,
  inputTokens: 10,
  outputTokens: 20,
  latencyMs: 40,
  ttftMs: 8,
  coldStartMs: null,
  atMs: minute + 1_000,
  ...overrides,
});

describe("metering flush from several instances", () => {
  let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
  let a: DbHandle;
  let b: DbHandle;
  beforeAll(async () => {
    shared = await createSharedTestDatabase(2);
    [a, b] = shared.handles;
  });
  afterAll(async () => shared?.close());

  it("adds each instance's roll-up of the same endpoint and minute to the one row", async () => {
    for (let i = 0; i < 3; i++) recordRequest(sample({ latencyMs: 40 }));
    expect(await flushMetering(a.db)).toBe(3);
    recordRequest(sample({ ok: false, latencyMs: 4_000, inputTokens: 1, outputTokens: 0, coldStartMs: 900 }));
    recordRequest(sample({ latencyMs: 40, atMs: minute + 59_000 }));
    expect(await flushMetering(b.db)).toBe(2);

    const rows = await a.db.select().from(endpointMetrics).where(eq(endpointMetrics.endpointId, "ep_FLEETFLUSH000000000000000"));
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ requests: 5, errors: 1, inputTokens: 41, outputTokens: 80, coldStarts: 1, maxColdStartMs: 900 });
    expect(row.latencyHist.reduce((n, c) => n + c, 0)).toBe(5);
    expect(row.ttftHist.reduce((n, c) => n + c, 0)).toBe(5);
  });
});
