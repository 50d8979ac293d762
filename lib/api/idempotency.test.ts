import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, idempotencyRecords } from "@/lib/db/schema";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  outcomeRecorder,
  pruneIdempotencyRecords,
  releaseIdempotencyKey,
  renewIdempotencyLease,
  requestFingerprint,
  type HeldClaim,
} from "./idempotency";

// The Idempotency-Key store: a claim is a lease held by one process. These tests play the
// processes' parts with explicit holder names; a "dead" holder is one whose lease we let lapse.

describe("Idempotency-Key", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  const fp = (body: string) => requestFingerprint("POST", "/api/v1/orgs/a/clusters", body);
  const claimed = (outcome: Awaited<ReturnType<typeof claimIdempotencyKey>>): HeldClaim => {
    if (outcome.kind !== "claimed") throw new Error(`expected a claim, got ${outcome.kind}`);
    return outcome.claim;
  };
  /** The holder died: its lease ran out (as if the lease had been granted a minute ago). */
  const lapse = (scope: string, key: string) =>
    handle.db
      .update(idempotencyRecords)
      .set({ leaseUntil: sql`now() - interval '1 second'` })
      .where(and(eq(idempotencyRecords.scope, scope), eq(idempotencyRecords.key, key)));
  const rowOf = async (scope: string, key: string) =>
    (await handle.db.select().from(idempotencyRecords).where(and(eq(idempotencyRecords.scope, scope), eq(idempotencyRecords.key, key))))[0];

  it("replays the stored response for a repeat with the same body", async () => {
    const claim = claimed(await claimIdempotencyKey(handle.db, { scope: "usr_1", key: "k1", fingerprint: fp('{"n":1}'), holder: "a" }));
    expect(await completeIdempotencyKey(handle.db, claim, { status: 202, body: { id: "op_1" }, headers: { location: "/x" } })).toBe(true);
    const replay = await claimIdempotencyKey(handle.db, { scope: "usr_1", key: "k1", fingerprint: fp('{"n":1}'), holder: "b" });
    expect(replay).toEqual({ kind: "replay", response: { status: 202, body: { id: "op_1" }, headers: { location: "/x" } } });
  });

  it("refuses the same key with a different body (422)", async () => {
    await expect(claimIdempotencyKey(handle.db, { scope: "usr_1", key: "k1", fingerprint: fp('{"n":2}'), holder: "b" })).rejects.toMatchObject({ code: "idempotency_key_reused" });
  });

  it("lets only one of two concurrent first requests run; the other is told when to retry", async () => {
    const results = await Promise.all([
      claimIdempotencyKey(handle.db, { scope: "usr_2", key: "k2", fingerprint: fp("{}"), holder: "a", leaseMs: 30_000 }),
      claimIdempotencyKey(handle.db, { scope: "usr_2", key: "k2", fingerprint: fp("{}"), holder: "b", leaseMs: 30_000 }),
    ]);
    expect(results.filter((r) => r.kind === "claimed")).toHaveLength(1);
    const busy = results.find((r) => r.kind === "busy");
    expect(busy).toBeDefined();
    expect(busy!.kind === "busy" && busy!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(busy!.kind === "busy" && busy!.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it("takes over a claim whose holder died, exactly once among concurrent retries", async () => {
    claimed(await claimIdempotencyKey(handle.db, { scope: "usr_3", key: "k3", fingerprint: fp("{}"), holder: "dead" }));
    expect((await claimIdempotencyKey(handle.db, { scope: "usr_3", key: "k3", fingerprint: fp("{}"), holder: "b" })).kind).toBe("busy");
    await lapse("usr_3", "k3");
    const retries = await Promise.all(["b", "c", "d"].map((holder) => claimIdempotencyKey(handle.db, { scope: "usr_3", key: "k3", fingerprint: fp("{}"), holder })));
    const winners = retries.filter((r) => r.kind === "claimed");
    expect(winners).toHaveLength(1);
    expect(winners[0].kind === "claimed" && winners[0].claim.takenOver).toBe(true);
    expect(retries.filter((r) => r.kind === "busy")).toHaveLength(2);
    expect((await rowOf("usr_3", "k3")).holder).toBe(winners[0].kind === "claimed" ? winners[0].claim.holder : "?");
  });

  it("a holder that lost its lease can neither complete nor release the new holder's claim", async () => {
    const old = claimed(await claimIdempotencyKey(handle.db, { scope: "usr_4", key: "k4", fingerprint: fp("{}"), holder: "slow" }));
    await lapse("usr_4", "k4");
    const fresh = claimed(await claimIdempotencyKey(handle.db, { scope: "usr_4", key: "k4", fingerprint: fp("{}"), holder: "fresh" }));
    expect(await renewIdempotencyLease(handle.db, old)).toBe(false);
    expect(await completeIdempotencyKey(handle.db, old, { status: 201, body: { id: "late" }, headers: {} })).toBe(false);
    await releaseIdempotencyKey(handle.db, old);
    expect(await rowOf("usr_4", "k4")).toMatchObject({ holder: "fresh", status: 0 });
    expect(await renewIdempotencyLease(handle.db, fresh)).toBe(true);
  });

  it("a renewed lease keeps a long request's claim alive", async () => {
    const claim = claimed(await claimIdempotencyKey(handle.db, { scope: "usr_5", key: "k5", fingerprint: fp("{}"), holder: "a", leaseMs: 1_000 }));
    await lapse("usr_5", "k5");
    expect(await renewIdempotencyLease(handle.db, claim, 30_000)).toBe(true);
    expect((await claimIdempotencyKey(handle.db, { scope: "usr_5", key: "k5", fingerprint: fp("{}"), holder: "b" })).kind).toBe("busy");
  });

  it("work that commits its outcome in its own transaction is replayed after its holder died before answering", async () => {
    const claim = claimed(await claimIdempotencyKey(handle.db, { scope: "usr_6", key: "k6", fingerprint: fp("{}"), holder: "dies-after-commit" }));
    const recorder = outcomeRecorder(claim, (id: string) => ({ status: 201, body: { id }, headers: { location: `/things/${id}` } }));
    await handle.db.transaction(async (tx) => {
      await tx.insert(auditEvents).values({ id: "aud_k6", orgId: null, actorType: "system", actorName: "test", action: "thing.create", targetType: "thing", targetId: "thing_1", data: {} });
      await recorder.recordIn(tx, "thing_1");
    });
    // …and the process dies here, before it could answer. The client retries after the lease lapsed:
    await lapse("usr_6", "k6");
    const retry = await claimIdempotencyKey(handle.db, { scope: "usr_6", key: "k6", fingerprint: fp("{}"), holder: "b" });
    expect(retry).toEqual({ kind: "replay", response: { status: 201, body: { id: "thing_1" }, headers: { location: "/things/thing_1" } } });
  });

  it("work whose holder lost the lease cannot commit: the new holder does it once", async () => {
    const old = claimed(await claimIdempotencyKey(handle.db, { scope: "usr_7", key: "k7", fingerprint: fp("{}"), holder: "paused" }));
    await lapse("usr_7", "k7");
    claimed(await claimIdempotencyKey(handle.db, { scope: "usr_7", key: "k7", fingerprint: fp("{}"), holder: "fresh" }));
    const recorder = outcomeRecorder(old, (id: string) => ({ status: 201, body: { id }, headers: {} }));
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(auditEvents).values({ id: "aud_k7", orgId: null, actorType: "system", actorName: "test", action: "thing.create", targetType: "thing", targetId: "thing_2", data: {} });
        await recorder.recordIn(tx, "thing_2");
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await handle.db.select().from(auditEvents).where(eq(auditEvents.id, "aud_k7"))).toHaveLength(0);
  });

  it("withholds the named secret fields from what it stores", async () => {
    const claim = claimed(await claimIdempotencyKey(handle.db, { scope: "usr_8", key: "k8", fingerprint: fp("{}"), holder: "a" }));
    const recorder = outcomeRecorder(claim, (t: { id: string; secret: string }) => ({ status: 201, body: t, headers: {} }), ["secret"]);
    await handle.db.transaction((tx) => recorder.recordIn(tx, { id: "tok_1", secret: "hk_supersecret" }));
    const row = await rowOf("usr_8", "k8");
    expect(JSON.stringify(row)).not.toContain("hk_supersecret");
    const replay = await claimIdempotencyKey(handle.db, { scope: "usr_8", key: "k8", fingerprint: fp("{}"), holder: "b" });
    expect(replay).toEqual({ kind: "replay", response: { status: 201, body: { id: "tok_1", secret: null }, headers: { "idempotency-secret-withheld": "secret" } } });
  });

  it("scopes keys per principal and frees a key after a failure", async () => {
    const claim = claimed(await claimIdempotencyKey(handle.db, { scope: "usr_9", key: "k1", fingerprint: fp('{"n":9}'), holder: "a" }));
    await releaseIdempotencyKey(handle.db, claim);
    expect((await claimIdempotencyKey(handle.db, { scope: "usr_9", key: "k1", fingerprint: fp('{"n":9}'), holder: "b" })).kind).toBe("claimed");
  });

  it("prunes records older than 24 hours, but never a claim whose holder is still working", async () => {
    const old = async (scope: string) =>
      handle.db
        .update(idempotencyRecords)
        .set({ createdAt: sql`now() - interval '25 hours'` })
        .where(eq(idempotencyRecords.scope, scope));
    const done = claimed(await claimIdempotencyKey(handle.db, { scope: "old_done", key: "k", fingerprint: fp("{}"), holder: "a" }));
    await completeIdempotencyKey(handle.db, done, { status: 201, body: {}, headers: {} });
    claimed(await claimIdempotencyKey(handle.db, { scope: "old_dead", key: "k", fingerprint: fp("{}"), holder: "dead" }));
    claimed(await claimIdempotencyKey(handle.db, { scope: "old_alive", key: "k", fingerprint: fp("{}"), holder: "alive", leaseMs: 60_000 }));
    claimed(await claimIdempotencyKey(handle.db, { scope: "recent", key: "k", fingerprint: fp("{}"), holder: "a" }));
    await Promise.all(["old_done", "old_dead", "old_alive"].map(old));
    await lapse("old_dead", "k");
    expect(await pruneIdempotencyRecords(handle.db)).toBeGreaterThanOrEqual(2);
    expect(await pruneIdempotencyRecords(handle.db)).toBe(0);
    expect(await rowOf("old_done", "k")).toBeUndefined();
    expect(await rowOf("old_dead", "k")).toBeUndefined();
    expect(await rowOf("old_alive", "k")).toBeDefined();
    expect(await rowOf("recent", "k")).toBeDefined();
  });

  it("is pruned by a background task the server starts", async () => {
    await import("./idempotency-pruning");
    const registry = (globalThis as Record<symbol, { tasks: { name: string; run(): Promise<void> }[] } | undefined>)[Symbol.for("hinoki.backgroundTasks")];
    const task = registry?.tasks.find((t) => t.name === "idempotency.prune");
    expect(task).toBeDefined();
    const done = claimed(await claimIdempotencyKey(handle.db, { scope: "task_old", key: "k", fingerprint: fp("{}"), holder: "a" }));
    await completeIdempotencyKey(handle.db, done, { status: 201, body: {}, headers: {} });
    await handle.db.update(idempotencyRecords).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(idempotencyRecords.scope, "task_old"));
    await task!.run();
    expect(await rowOf("task_old", "k")).toBeUndefined();
  });
});
