import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, requestFingerprint } from "./idempotency";

describe("Idempotency-Key", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  const fp = (body: string) => requestFingerprint("POST", "/api/v1/orgs/a/clusters", body);

  it("replays the stored response for a repeat with the same body", async () => {
    expect(await claimIdempotencyKey(handle.db, "usr_1", "k1", fp('{"n":1}'))).toEqual({ kind: "claimed" });
    await completeIdempotencyKey(handle.db, "usr_1", "k1", { status: 202, body: { id: "op_1" }, headers: { location: "/x" } });
    const replay = await claimIdempotencyKey(handle.db, "usr_1", "k1", fp('{"n":1}'));
    expect(replay).toEqual({ kind: "replay", response: { status: 202, body: { id: "op_1" }, headers: { location: "/x" } } });
  });

  it("refuses the same key with a different body (422)", async () => {
    await expect(claimIdempotencyKey(handle.db, "usr_1", "k1", fp('{"n":2}'))).rejects.toMatchObject({ code: "idempotency_key_reused" });
  });

  it("lets only one of two concurrent first requests run", async () => {
    const results = await Promise.allSettled([
      claimIdempotencyKey(handle.db, "usr_2", "k2", fp("{}")),
      claimIdempotencyKey(handle.db, "usr_2", "k2", fp("{}")),
    ]);
    const claimed = results.filter((r) => r.status === "fulfilled" && r.value.kind === "claimed");
    expect(claimed).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.code).toBe("conflict");
  });

  it("scopes keys per principal and frees a key after a failure", async () => {
    expect(await claimIdempotencyKey(handle.db, "usr_3", "k1", fp('{"n":9}'))).toEqual({ kind: "claimed" });
    await releaseIdempotencyKey(handle.db, "usr_3", "k1");
    expect(await claimIdempotencyKey(handle.db, "usr_3", "k1", fp('{"n":9}'))).toEqual({ kind: "claimed" });
  });
});
