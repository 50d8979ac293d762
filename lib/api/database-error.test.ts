import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { orgs } from "@/lib/db/schema";
import { createTestDatabase } from "@/lib/db/testing";
import { newId } from "@/lib/domain/ids";
import { createOrg } from "@/lib/services/orgs/create-org";
import { createUser, principalOf } from "@/lib/services/testing/fixtures";
import { errorPayload } from "./error-response";

// Races on unique names answer 409, on PGlite and on PostgreSQL. On PostgreSQL two transactions
// both pass the service's "is this slug taken?" check and the loser meets the unique index; on
// PGlite (one transaction at a time) the check itself catches it. A 500 is wrong on either.

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("database refusals in the error shape", () => {
  it("answers a unique violation from the database with 409 conflict", async () => {
    await handle.db.insert(orgs).values({ id: newId("org"), slug: "dup-slug", legalNameJa: "株式会社", legalNameEn: "K.K." });
    const error = await failureOf(handle.db.insert(orgs).values({ id: newId("org"), slug: "dup-slug", legalNameJa: "株式会社", legalNameEn: "K.K." }));
    const { status, body } = errorPayload(error, "req_dup", "en");
    expect(status).toBe(409);
    expect(body.error).toEqual({ code: "conflict", message: "This conflicted with another change. Please try again.", requestId: "req_dup" });
  });

  it("answers a value the database cannot take (out of range) with 400, not 500", async () => {
    const spy = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const error = await failureOf(handle.db.execute(sql`select 99999999999::int4`));
    spy.mockRestore();
    const { status, body } = errorPayload(error, "req_range", "ja");
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_request");
  });

  it("two people creating the same slug at the same moment: one org, the others 409", async () => {
    const people = await Promise.all([0, 1, 2, 3].map(async (i) => principalOf(handle.db, await createUser(handle.db, `racer-${i}@race.example`))));
    for (let round = 0; round < 5; round++) {
      const slug = `race-${round}`;
      const results = await Promise.allSettled(people.map((p) => createOrg(p, { slug, legalNameJa: "競争株式会社", legalNameEn: "Race K.K." })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const statuses = results.filter((r) => r.status === "rejected").map((r) => errorPayload((r as PromiseRejectedResult).reason, "req_race", "ja").status);
      expect(statuses).toEqual([409, 409, 409]);
    }
  });
});
