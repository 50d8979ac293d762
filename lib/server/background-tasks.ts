import { randomBytes } from "node:crypto";
import { intervalSetting } from "./env-settings";
import os from "node:os";
import { getDbHandle, type Db } from "@/lib/db/client";
import { acquireLease, releaseLeases } from "@/lib/db/leases";

// Loops that run in the server process beside the request handlers (control-plane sync,
// metering ingestion, month close, attestation renewal, e-mail). Each is registered by its
// capability and started once when the server starts; a failing round is logged and tried again.
//
// N console instances share one PostgreSQL, and every one of them starts every loop. A task
// declared `fleetOnce` does its rounds on one instance at a time: each round first takes (or
// renews) the task's lease (lib/db/leases.ts), and a long round keeps renewing it. The holder
// keeps it from round to round; if it dies, its lease lapses and another instance's next round
// takes over — within the lease's lifetime plus one interval. A clean shutdown gives the lease up
// at once. On PGlite the process is the whole fleet, so the lease is held without asking.

export interface BackgroundTask {
  name: string;
  intervalMs: number;
  /**
   * true: work for the whole fleet (the database's state, the control plane, the mail server):
   * one instance at a time, under the task's lease. false: work on this process's own state
   * (e.g. flushing its in-memory buffer), which every instance must do; say beside the
   * registration why N instances doing it at once is safe.
   */
  fleetOnce: boolean;
  run(): Promise<void>;
  /**
   * Optional: subscribes the task to an in-process signal that starts a round at once (e.g. an
   * operation was just submitted here), instead of waiting for the next interval. A signal
   * during a round starts one more round after it.
   */
  wakeOn?(wake: () => void): void;
}

export interface TaskRunnerOptions {
  /** Where leases live; default: the process's database. */
  db?: () => Promise<Db>;
  /** Take leases for fleetOnce tasks; default: on PostgreSQL yes, on PGlite (one process) no. */
  leases?: boolean;
  /** This instance's name in the leases table; default: host, pid and a random part. */
  holder?: string;
  /** Shortest lease lifetime (a task's lease lives at least two of its intervals); default 15 s. */
  leaseTtlMs?: number;
}

export interface TaskRunner {
  holder: string;
  /**
   * Stops the loops and waits (up to `graceMs`) for rounds in progress. Then, unless told to
   * `keepLeases` (a test standing in for a crash), gives up the leases of the tasks that finished.
   */
  stop(options?: { graceMs?: number; keepLeases?: boolean }): Promise<void>;
}

const DEFAULT_LEASE_TTL_MS = 15_000;

export function instanceName(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/** How long a task's lease lives: renewed every round, so at least two intervals. */
export function leaseLifetimeMs(task: Pick<BackgroundTask, "intervalMs">, minimumMs = DEFAULT_LEASE_TTL_MS): number {
  return Math.max(minimumMs, 2 * task.intervalMs);
}

async function processDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function runBackgroundTasks(tasks: readonly BackgroundTask[], options: TaskRunnerOptions = {}): TaskRunner {
  const holder = options.holder ?? instanceName();
  const dbOf = options.db ?? processDb;
  const minimumTtl = options.leaseTtlMs ?? intervalSetting("HINOKI_LEASE_TTL_MS", DEFAULT_LEASE_TTL_MS);
  const useLeases: Promise<boolean> =
    options.leases !== undefined ? Promise.resolve(options.leases) : getDbHandle().then((h) => h.driver === "postgres");
  useLeases.catch(() => undefined);

  const timers: NodeJS.Timeout[] = [];
  const rounds = new Map<string, Promise<void>>();
  let stopped = false;

  for (const task of tasks) {
    const ttl = leaseLifetimeMs(task, minimumTtl);
    const round = async () => {
      const leased = task.fleetOnce && (await useLeases);
      if (leased && !(await acquireLease(await dbOf(), task.name, holder, ttl))) return;
      // A round may outlast the lease (a month close, a long catch-up): keep it alive meanwhile.
      let renewal: Promise<void> = Promise.resolve();
      const renew = () =>
        dbOf()
          .then((db) => acquireLease(db, task.name, holder, ttl))
          .then((kept) => {
            if (!kept) console.error(`[background] ${task.name}: lease lost while a round was running (holder ${holder})`);
          })
          .catch((error) => console.error(`[background] ${task.name}: lease renewal failed:`, errorText(error)));
      const heartbeat = leased ? setInterval(() => (renewal = renew()), Math.max(50, Math.floor(ttl / 3))) : null;
      heartbeat?.unref();
      try {
        await task.run();
      } finally {
        if (heartbeat) clearInterval(heartbeat);
        // A renewal still in flight must land before the round counts as over: a shutdown that
        // gives the lease up afterwards must not be undone by it.
        await renewal;
      }
    };
    let again = false;
    const tick = (woken = false) => {
      if (stopped) return;
      if (rounds.has(task.name)) {
        again ||= woken;
        return;
      }
      const running = round()
        .catch((error) => console.error(`[background] ${task.name} failed:`, errorText(error)))
        .finally(() => {
          rounds.delete(task.name);
          if (again) {
            again = false;
            tick();
          }
        });
      rounds.set(task.name, running);
    };
    const timer = setInterval(tick, task.intervalMs);
    timer.unref();
    timers.push(timer);
    task.wakeOn?.(() => tick(true));
    tick();
  }

  return {
    holder,
    async stop({ graceMs = 10_000, keepLeases = false } = {}) {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      const pending = [...rounds.values()];
      await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, graceMs).unref())]);
      if (keepLeases || !(await useLeases.catch(() => false))) return;
      // A round still running keeps its lease until it lapses: nobody else starts that work meanwhile.
      const finished = tasks.filter((t) => t.fleetOnce && !rounds.has(t.name)).map((t) => t.name);
      await releaseLeases(await dbOf(), holder, finished).catch((error) => console.warn("[background] releasing leases failed:", errorText(error)));
    },
  };
}

// The process's registry and its one runner.

const KEY = Symbol.for("hinoki.backgroundTasks");
type G = typeof globalThis & { [KEY]?: { tasks: BackgroundTask[]; runner: TaskRunner | null } };

function state() {
  const g = globalThis as G;
  return (g[KEY] ??= { tasks: [], runner: null });
}

export function registerBackgroundTask(task: BackgroundTask): void {
  const s = state();
  if (!s.tasks.some((t) => t.name === task.name)) s.tasks.push(task);
}

export function startBackgroundTasks(): void {
  const s = state();
  s.runner ??= runBackgroundTasks(s.tasks);
}

export async function stopBackgroundTasks(): Promise<void> {
  const s = state();
  const runner = s.runner;
  s.runner = null;
  await runner?.stop();
}
