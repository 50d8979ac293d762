import { describe, expect, it } from "vitest";
import { runBackgroundTasks } from "./background-tasks";

// A task woken by its in-process signal runs at once, not on its next interval (the operations
// runner after a click), and a signal during a round starts one more round after it.

describe("waking a background task", () => {
  it("starts a round at once when woken, and once more when woken during a round", async () => {
    let wake: () => void = () => undefined;
    let rounds = 0;
    let release: () => void = () => undefined;
    const runner = runBackgroundTasks(
      [
        {
          name: "woken",
          intervalMs: 3_600_000,
          fleetOnce: false,
          wakeOn: (w) => (wake = w),
          run: async () => {
            rounds++;
            if (rounds === 2) await new Promise<void>((r) => (release = r));
          },
        },
      ],
      { leases: false, db: async () => { throw new Error("no database needed"); } },
    );
    try {
      await expect.poll(() => rounds).toBe(1); // the first tick at start
      wake();
      await expect.poll(() => rounds).toBe(2); // at once, an hour before the interval
      wake(); // during round 2
      wake();
      release();
      await expect.poll(() => rounds).toBe(3); // one more round, not two
      await new Promise((r) => setTimeout(r, 50));
      expect(rounds).toBe(3);
    } finally {
      await runner.stop({ graceMs: 100 });
    }
  });
});
