import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { operations } from "@/lib/db/schema";
import { createOrg } from "@/lib/services/testing/fixtures";
import { readChangeMarks } from "./read-change-marks";

// The marks are what an open tab relies on instead of polling: if a change does not move its
// topic's mark, the page shows the old state until the tab's rare safety refresh. Writers take
// their timestamp before their transaction (the operations engine reads the control plane in
// between), so a commit may carry an older updated_at than a row another writer committed first.

describe("change marks", () => {
  let handle: DbHandle;
  let orgId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    orgId = await createOrg(handle.db, "marks-acme");
  });
  afterAll(() => handle.close());

  const endpointsMark = async () => (await readChangeMarks(handle.db, [orgId], [])).orgs.get(orgId)!.endpoints;

  it("moves when a row is written with an older time than the org's newest row", async () => {
    const base = Date.UTC(2026, 11, 5, 3, 0, 0);
    const op = (id: string, at: number) => ({ id, orgId, kind: "endpoint.create", targetKind: "endpoint", targetId: `ep_${id}`, status: "running", createdAt: new Date(at), updatedAt: new Date(at) });
    await handle.db.insert(operations).values([op("op_marks_slow", base), op("op_marks_fresh", base + 10_000)]);
    const before = await endpointsMark();

    // The engine finishes the older operation with the time it read when its round began.
    await handle.db.update(operations).set({ status: "succeeded", updatedAt: new Date(base + 5_000) }).where(eq(operations.id, "op_marks_slow"));

    expect(await endpointsMark()).not.toBe(before);
  });

  it("stays put when nothing changed (a tab refetches only what moved)", async () => {
    expect(await endpointsMark()).toBe(await endpointsMark());
  });
});
