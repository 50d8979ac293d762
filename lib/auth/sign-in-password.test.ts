import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { signInThrottles, users } from "@/lib/db/schema";
import { newId } from "@/lib/domain/ids";
import { hashPassword } from "./password";
import { signInWithPassword } from "./sign-in-password";
import { pruneSignInThrottles, THROTTLE } from "./sign-in-throttle";

// Password sign-in is throttled per (account, client address), not locked: these are the
// attacks issue 14 names (a stranger locking the owner out, parallel guesses, timing, huge input).

const PASSWORD = "correct horse battery";
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

describe("password sign-in throttling", () => {
  let handle: DbHandle;
  let passwordHash: string;
  const account = async (email: string) => {
    await handle.db.insert(users).values({ id: newId("user"), email, name: email.split("@")[0], passwordHash });
    return email;
  };
  beforeAll(async () => {
    handle = await createTestDatabase();
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(async () => handle.close());

  it("a stranger's wrong passwords do not keep the owner out of their own account", async () => {
    const email = await account("victim@example.com");
    const now = new Date();
    for (let i = 0; i < 12; i++) await signInWithPassword(handle.db, email, `guess-${i}`, "203.0.113.66", now);
    const owner = await signInWithPassword(handle.db, email, PASSWORD, "198.51.100.7", now);
    expect(owner.ok).toBe(true);
  });

  it("slows a guessing client with growing delays and says when to retry; the right password afterwards works", async () => {
    const email = await account("slow@example.com");
    const ip = "203.0.113.10";
    const start = new Date();
    for (let i = 0; i < THROTTLE.clientFreeFailures; i++) {
      expect(await signInWithPassword(handle.db, email, `wrong-${i}`, ip, start)).toEqual({ ok: false, reason: "invalid" });
    }
    // The next one is still checked; from then on each failure doubles the wait.
    expect(await signInWithPassword(handle.db, email, "wrong-again", ip, start)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(handle.db, email, PASSWORD, ip, start)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 2 });
    expect(await signInWithPassword(handle.db, email, "wrong", ip, at(start, 2))).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(handle.db, email, "wrong", ip, at(start, 3))).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 3 });
    expect(await signInWithPassword(handle.db, email, "wrong", ip, at(start, 6))).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(handle.db, email, "wrong", ip, at(start, 6))).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 8 });
    // Once the wait is over, the right password gets in and the client starts afresh.
    expect((await signInWithPassword(handle.db, email, PASSWORD, ip, at(start, 14))).ok).toBe(true);
    expect(await signInWithPassword(handle.db, email, "typo", ip, at(start, 14))).toEqual({ ok: false, reason: "invalid" });
    expect((await signInWithPassword(handle.db, email, PASSWORD, ip, at(start, 14))).ok).toBe(true);
  });

  it("counts atomically: twenty parallel guesses get no more checks than the limit allows", async () => {
    const email = await account("parallel@example.com");
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signInWithPassword(handle.db, email, `parallel-${i}`, "203.0.113.20", now)));
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    // The free failures plus the one that starts the first wait; every other guess waits unchecked.
    expect(checked).toBe(THROTTLE.clientFreeFailures + 1);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(20 - checked);
  });

  it("throttles e-mails that have no account exactly like real ones", async () => {
    const now = new Date();
    const answers = async (email: string) => {
      const out = [];
      for (let i = 0; i < THROTTLE.clientFreeFailures + 2; i++) out.push(await signInWithPassword(handle.db, email, `x-${i}`, "203.0.113.30", now));
      return out;
    };
    const real = await answers(await account("exists@example.com"));
    const ghost = await answers("does-not-exist@example.com");
    expect(ghost).toEqual(real);
    expect(real.at(-1)).toMatchObject({ reason: "throttled" });
  });

  it("costs an unknown e-mail as much time as a known one (one scrypt either way)", async () => {
    const email = await account("timing@example.com");
    const median = async (target: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await signInWithPassword(handle.db, target, "wrong password", `198.51.100.${100 + i}`);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[2];
    };
    await median("warm-up@example.com");
    const known = await median(email);
    const unknown = await median("nobody-here@example.com");
    // scrypt dominates both; without it an unknown address answers many times faster.
    expect(unknown).toBeGreaterThan(known * 0.6);
  });

  it("bounds the e-mail (254) and the password (1,024) before any work", async () => {
    const long = `${"a".repeat(250)}@example.com`;
    expect(await signInWithPassword(handle.db, long, PASSWORD, "203.0.113.40")).toEqual({ ok: false, reason: "invalid" });
    expect(await handle.db.select().from(signInThrottles).where(eq(signInThrottles.email, long))).toEqual([]);
    const email = await account("bounded@example.com");
    expect(await signInWithPassword(handle.db, email, PASSWORD + "x".repeat(1024), "203.0.113.40")).toEqual({ ok: false, reason: "invalid" });
    expect((await signInWithPassword(handle.db, email, PASSWORD, "203.0.113.40")).ok).toBe(true);
  });

  it("slows guessing from many addresses account-wide, at most a minute, and never a client that signed in before", async () => {
    const email = await account("distributed@example.com");
    const start = new Date();
    expect((await signInWithPassword(handle.db, email, PASSWORD, "198.51.100.1", start)).ok).toBe(true);
    let ip = 0;
    const stranger = () => `203.0.${113 + Math.floor(ip / 250)}.${(ip++ % 250) + 1}`;
    for (let i = 0; i < THROTTLE.accountFreeFailures + 1; i++) {
      expect(await signInWithPassword(handle.db, email, `botnet-${i}`, stranger(), start)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signInWithPassword(handle.db, email, "botnet", stranger(), start)).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 2 });
    // The owner's own client is not held up by the strangers.
    expect((await signInWithPassword(handle.db, email, PASSWORD, "198.51.100.1", start)).ok).toBe(true);
    // Slowed, not locked: the wait stops growing at a minute.
    let now = start;
    let longest = 0;
    for (let i = 0; i < 14; i++) {
      const result = await signInWithPassword(handle.db, email, "botnet", stranger(), now);
      if (!result.ok && result.reason === "throttled") {
        longest = Math.max(longest, result.retryAfterSeconds);
        now = at(now, result.retryAfterSeconds);
      }
    }
    expect(longest).toBe(THROTTLE.accountMaxDelaySeconds);
  });

  it("forgets rows that hold nothing back, and keeps a recent success", async () => {
    const email = await account("prune@example.com");
    const then = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await signInWithPassword(handle.db, email, "wrong", "203.0.113.50", then);
    await signInWithPassword(handle.db, email, PASSWORD, "198.51.100.50", then);
    await pruneSignInThrottles(handle.db);
    const left = await handle.db.select({ client: signInThrottles.client }).from(signInThrottles).where(eq(signInThrottles.email, email));
    expect(left.map((r) => r.client)).toEqual(["198.51.100.50"]);
  });
});
