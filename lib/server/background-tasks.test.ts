import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createSharedTestDatabase } from "@/lib/db/testing";
import { runBackgroundTasks, type BackgroundTask, type TaskRunner } from "./background-tasks";

// Background loops on several console instances sharing one database: a fleetOnce task runs on
// one instance at a time; when its holder dies, another instance takes the work over once the
// lease has lapsed (never earlier), and at once after a clean shutdown; a per-instance task runs
// everywhere. Each runner here is one instance (on PostgreSQL with its own pool); leases are
// switched on explicitly so the same SQL is proven on PGlite too.

interface Round {
  holder: string;
  start: number;
  end: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recordingTask(name: string, holderOf: () => string, rounds: Round[], options: { intervalMs: number; fleetOnce?: boolean; workMs?: (n: number) => number }): BackgroundTask {
  let n = 0;
  return {
    name,
    intervalMs: options.intervalMs,
    fleetOnce: options.fleetOnce ?? true,
    async run() {
      const start = performance.now();
      await sleep(options.workMs?.(n++) ?? 20);
      rounds.push({ holder: holderOf(), start, end: performance.now() });
    },
  };
}

function overlaps(rounds: Round[]): Array<[Round, Round]> {
  const sorted = [...rounds].sort((x, y) => x.start - y.start);
  return sorted.slice(1).flatMap((r, i) => (r.start < sorted[i].end ? [[sorted[i], r] as [Round, Round]] : []));
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}

describe("background tasks on several instances", () => {
  let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
  let handles: DbHandle[];
  let runners: TaskRunner[] = [];
  beforeAll(async () => {
    shared = await createSharedTestDatabase(2);
    handles = shared.handles;
  });
  /** Stops every instance, waiting for rounds in progress, so every round is on the record. */
  async function stopAll(): Promise<void> {
    await Promise.all(runners.map((r) => r.stop({ graceMs: 5_000 })));
    runners = [];
  }
  afterEach(stopAll);
  afterAll(async () => shared?.close());

  /** One instance: its own runner (holder name) and database handle. */
  function instance(index: number, tasks: (holder: () => string) => BackgroundTask[], leaseTtlMs: number): TaskRunner {
    let runner: TaskRunner | null = null;
    const holder = `instance-${index}`;
    runner = runBackgroundTasks(tasks(() => holder), { db: async () => handles[index % handles.length].db, leases: true, holder, leaseTtlMs });
    runners.push(runner);
    return runner;
  }

  it("runs a fleetOnce task on one instance at a time, and moves it to another within the lease's lifetime when the holder dies", async () => {
    const rounds: Round[] = [];
    const ttl = 800;
    const a = instance(0, (h) => [recordingTask("fleet.once", h, rounds, { intervalMs: 100 })], ttl);
    const b = instance(1, (h) => [recordingTask("fleet.once", h, rounds, { intervalMs: 100 })], ttl);
    await sleep(1_000);
    expect(rounds.length).toBeGreaterThanOrEqual(4);
    const first = rounds[0].holder;
    expect(new Set(rounds.map((r) => r.holder))).toEqual(new Set([first]));

    // The holder dies: its loop stops and nobody gives its lease back.
    const [dead, survivor] = first === a.holder ? [a, b] : [b, a];
    await dead.stop({ keepLeases: true });
    const lastOfDead = rounds.filter((r) => r.holder === dead.holder).at(-1)!;
    await until(() => rounds.some((r) => r.holder === survivor.holder), 5_000);
    const takeover = rounds.find((r) => r.holder === survivor.holder)!;
    const waited = takeover.start - lastOfDead.start;
    // Not before the lease lapsed (it was renewed just before the dead holder's last round)…
    expect(waited).toBeGreaterThanOrEqual(ttl - 150);
    // …and within its lifetime plus one interval (and this machine's slack).
    expect(waited).toBeLessThan(ttl + 100 + 1_500);
    await stopAll();
    expect(overlaps(rounds)).toEqual([]);
  });

  it("keeps the lease through a round longer than the lease's lifetime", async () => {
    const rounds: Round[] = [];
    let started = 0;
    // The first round of the fleet, whichever instance runs it, takes four lease lifetimes.
    const slowFirst = { intervalMs: 50, workMs: () => (started++ === 0 ? 1_200 : 10) };
    instance(0, (h) => [recordingTask("fleet.slow", h, rounds, slowFirst)], 300);
    instance(1, (h) => [recordingTask("fleet.slow", h, rounds, slowFirst)], 300);
    await until(() => rounds.length >= 3, 5_000);
    await stopAll();
    expect(rounds[0].end - rounds[0].start).toBeGreaterThanOrEqual(1_000);
    expect(overlaps(rounds)).toEqual([]);
  });

  it("hands the work over at once after a clean shutdown", async () => {
    const rounds: Round[] = [];
    const ttl = 60_000;
    const a = instance(0, (h) => [recordingTask("fleet.handover", h, rounds, { intervalMs: 100 })], ttl);
    await until(() => rounds.length >= 2, 5_000);
    const b = instance(1, (h) => [recordingTask("fleet.handover", h, rounds, { intervalMs: 100 })], ttl);
    await sleep(300);
    expect(rounds.every((r) => r.holder === a.holder)).toBe(true);
    const stoppedAt = performance.now();
    await a.stop();
    await until(() => rounds.some((r) => r.holder === b.holder), 5_000);
    const takeover = rounds.find((r) => r.holder === b.holder)!;
    expect(takeover.start - stoppedAt).toBeLessThan(2_000);
    await stopAll();
    expect(overlaps(rounds)).toEqual([]);
  });

  it("runs a per-instance task (fleetOnce: false) on every instance", async () => {
    const rounds: Round[] = [];
    const a = instance(0, (h) => [recordingTask("every.instance", h, rounds, { intervalMs: 50, fleetOnce: false })], 60_000);
    const b = instance(1, (h) => [recordingTask("every.instance", h, rounds, { intervalMs: 50, fleetOnce: false })], 60_000);
    await until(() => rounds.some((r) => r.holder === a.holder) && rounds.some((r) => r.holder === b.holder), 5_000);
  });
});
