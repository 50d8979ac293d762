// Time for the simulator. Everything it schedules (steps, cold starts, metering intervals) reads
// this clock, so a test can drive a whole lifecycle with `advance()` instead of sleeping.

export interface Clock {
  now(): number;
  /** Resolves once the clock has reached `atMs`. */
  sleepUntil(atMs: number): Promise<void>;
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleepUntil(atMs: number): Promise<void> {
    const wait = atMs - Date.now();
    return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** A clock that only moves when told: tests, and the HTTP server in test mode. */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: { atMs: number; resolve: () => void }[] = [];

  constructor(startMs: number = Date.UTC(2030, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** Moves forward (never back) and wakes whoever was waiting for a time now reached. */
  set(ms: number): void {
    if (ms <= this.current) return;
    this.current = ms;
    const due = this.sleepers.filter((s) => s.atMs <= ms);
    this.sleepers = this.sleepers.filter((s) => s.atMs > ms);
    for (const s of due) s.resolve();
  }

  advance(ms: number): void {
    this.set(this.current + ms);
  }

  sleepUntil(atMs: number): Promise<void> {
    if (atMs <= this.current) return Promise.resolve();
    return new Promise((resolve) => this.sleepers.push({ atMs, resolve }));
  }
}

export function isManualClock(clock: Clock): clock is ManualClock {
  return clock instanceof ManualClock;
}
