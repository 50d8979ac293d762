import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { attestations, attestationSigningKeys, operations } from "@/lib/db/schema";
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

  it("moves the attestations mark when a residency statement is issued (the overview's 発行待ち → 適合)", async () => {
    const attestationsMark = async () => (await readChangeMarks(handle.db, [orgId], [])).orgs.get(orgId)!.attestations;
    await handle.db.insert(attestationSigningKeys).values({ kid: "kid_marks", publicJwk: { kty: "EC", crv: "P-256", x: "x", y: "y" }, encryptedPrivateKey: "sealed", kekId: "kek", status: "retired" });
    const before = await attestationsMark();
    const at = new Date(Date.UTC(2026, 11, 5, 3, 0, 0));
    await handle.db.insert(attestations).values({ id: "att_marks_1", orgId, resourceId: "cl_marks", resourceKind: "cluster", kid: "kid_marks", jws: "a.b.c", claims: {} as never, status: "affirming", issuedAt: at, expiresAt: new Date(at.getTime() + 86_400_000), nodeSetDigest: "d" });
    expect(await attestationsMark()).not.toBe(before);
  });

  it("stays put when nothing changed (a tab refetches only what moved)", async () => {
    expect(await endpointsMark()).toBe(await endpointsMark());
  });
});
