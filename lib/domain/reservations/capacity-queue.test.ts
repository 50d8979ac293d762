import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { estimateStart, inArrivalOrder, servable, type QueueEntry } from "./capacity-queue";

const HOUR = 3_600_000;
const T0 = Date.UTC(2030, 0, 1);

describe("the capacity queue", () => {
  it("serves a zone in order of arrival, all or nothing: a small request never overtakes a large one ahead", () => {
    const queue: QueueEntry[] = [
      { id: "cr_3", count: 1, createdAtMs: T0 + 3 },
      { id: "cr_1", count: 16, createdAtMs: T0 + 1 },
      { id: "cr_2", count: 2, createdAtMs: T0 + 2 },
    ];
    expect(inArrivalOrder(queue).map((e) => e.id)).toEqual(["cr_1", "cr_2", "cr_3"]);
    // 15 free: the 16-node pool cannot start, and the 2- and 1-node requests behind it wait too.
    expect(servable(queue, 15)).toEqual([]);
    expect(servable(queue, 16).map((e) => e.id)).toEqual(["cr_1"]);
    expect(servable(queue, 19).map((e) => e.id)).toEqual(["cr_1", "cr_2", "cr_3"]);
  });

  it("estimates from capacity free now, requests ahead, known releases and the observed release rate, and says so", () => {
    const queue: QueueEntry[] = [
      { id: "cr_a", count: 4, createdAtMs: T0 },
      { id: "cr_b", count: 4, createdAtMs: T0 + 1 },
    ];
    // 2 free, 4 ahead, 4 asked: 10 needed; a reservation frees 4 at +3 h, 2 per hour otherwise.
    const estimate = estimateStart({ nowMs: T0, queue, requestId: "cr_b", availableNow: 2, knownReleases: [{ atMs: T0 + 3 * HOUR, count: 4 }], observedReleasesPerHour: 2 });
    expect(estimate.position).toBe(2);
    expect(estimate.basis).toEqual({ availableNow: 2, aheadInQueue: 4, knownReleases: 0, observedReleasesPerHour: "2.00" });
    // 8 needed, 2 free: the rate frees the other 6 in 3 h, exactly when the release comes.
    expect(estimate.estimatedStartAtMs).toBe(T0 + 3 * HOUR);
    // With no rate and no known releases there is no estimate — not a made-up one.
    expect(estimateStart({ nowMs: T0, queue, requestId: "cr_b", availableNow: 2, knownReleases: [], observedReleasesPerHour: 0 }).estimatedStartAtMs).toBeNull();
    // Known releases alone.
    expect(estimateStart({ nowMs: T0, queue, requestId: "cr_a", availableNow: 1, knownReleases: [{ atMs: T0 + 5 * HOUR, count: 3 }], observedReleasesPerHour: 0 })).toMatchObject({
      position: 1,
      estimatedStartAtMs: T0 + 5 * HOUR,
      basis: { knownReleases: 3 },
    });
  });

  it("agrees, to the minute, with a simulated release schedule that follows its stated basis (200 seeded schedules)", () => {
    const random = seedrandom("issue-18-estimate");
    for (let run = 0; run < 200; run++) {
      const queue: QueueEntry[] = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, i) => ({ id: `cr_${i}`, count: 1 + Math.floor(random() * 8), createdAtMs: T0 + i }));
      const me = queue[Math.floor(random() * queue.length)];
      const availableNow = Math.floor(random() * 6);
      const knownReleases = Array.from({ length: Math.floor(random() * 4) }, () => ({ atMs: T0 + Math.floor(random() * 48) * HOUR, count: 1 + Math.floor(random() * 6) }));
      const rate = Math.floor(random() * 4);
      const estimate = estimateStart({ nowMs: T0, queue, requestId: me.id, availableNow, knownReleases, observedReleasesPerHour: rate });
      // Simulate minute by minute: free capacity grows by the rate and the known releases; the line is served in order.
      const needed = inArrivalOrder(queue)
        .slice(0, estimate.position)
        .reduce((s, e) => s + e.count, 0);
      let startedAt: number | null = null;
      for (let minute = 0; minute <= 60 * 200 && startedAt === null; minute++) {
        const at = T0 + minute * 60_000;
        const freed = availableNow + Math.floor((rate * minute) / 60) + knownReleases.filter((r) => r.atMs <= at).reduce((s, r) => s + r.count, 0);
        if (freed >= needed) startedAt = at;
      }
      if (estimate.estimatedStartAtMs === null) {
        expect(rate).toBe(0);
        expect(startedAt).toBeNull();
      } else {
        expect(startedAt, `run ${run}`).not.toBeNull();
        // The estimate and the simulated start agree within the minute the simulation steps by.
        expect(Math.abs(startedAt! - estimate.estimatedStartAtMs), `run ${run}`).toBeLessThanOrEqual(60_000);
      }
    }
  });
});
