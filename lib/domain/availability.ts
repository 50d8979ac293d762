import type { ClusterAvailability, HealthEvent } from "./telemetry";

// Availability per cluster for a month: capacity is degraded from a node's fault until its
// replacement is ready (or until now while it is not). Overlapping incidents count once.
// Pure, so the page and a test compute it the same way.

export function computeAvailability(events: readonly Pick<HealthEvent, "kind" | "at" | "nodeId">[], month: string, range: { start: Date; end: Date }, now: Date): ClusterAvailability {
  const start = range.start.getTime();
  const end = Math.min(range.end.getTime(), now.getTime());
  const restoredAt = new Map<string, number>();
  for (const e of events) if (e.kind === "node_replaced") restoredAt.set(e.nodeId, Date.parse(e.at));
  const intervals: [number, number][] = [];
  let incidents = 0;
  for (const e of events) {
    if (e.kind !== "fault_detected") continue;
    const from = Math.max(start, Date.parse(e.at));
    const to = Math.min(end, restoredAt.get(e.nodeId) ?? end);
    if (to <= from) continue;
    incidents++;
    intervals.push([from, to]);
  }
  intervals.sort((a, b) => a[0] - b[0]);
  let degradedMs = 0;
  let current: [number, number] | null = null;
  for (const iv of intervals) {
    if (current && iv[0] <= current[1]) current[1] = Math.max(current[1], iv[1]);
    else {
      if (current) degradedMs += current[1] - current[0];
      current = [...iv];
    }
  }
  if (current) degradedMs += current[1] - current[0];
  const elapsed = Math.max(1, end - start);
  return {
    month,
    degradedMinutes: Math.ceil(degradedMs / 60_000),
    incidents,
    availabilityPercent: Math.floor((10_000 * (elapsed - degradedMs)) / elapsed) / 100,
  };
}
