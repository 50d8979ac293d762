// Loops that run in the server process beside the request handlers (control-plane sync,
// metering ingestion, month close, attestation renewal). Each is registered by its capability
// and started once when the server starts; a failing round is logged and tried again.

export interface BackgroundTask {
  name: string;
  intervalMs: number;
  run(): Promise<void>;
}

const KEY = Symbol.for("hinoki.backgroundTasks");
type G = typeof globalThis & { [KEY]?: { tasks: BackgroundTask[]; timers: NodeJS.Timeout[] } };

function state() {
  const g = globalThis as G;
  return (g[KEY] ??= { tasks: [], timers: [] });
}

export function registerBackgroundTask(task: BackgroundTask): void {
  const s = state();
  if (!s.tasks.some((t) => t.name === task.name)) s.tasks.push(task);
}

export function startBackgroundTasks(): void {
  const s = state();
  for (const task of s.tasks) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await task.run();
      } catch (error) {
        console.error(`[background] ${task.name} failed:`, error instanceof Error ? error.message : error);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, task.intervalMs);
    timer.unref();
    s.timers.push(timer);
    void tick();
  }
}

export function stopBackgroundTasks(): void {
  const s = state();
  for (const timer of s.timers) clearInterval(timer);
  s.timers = [];
}
