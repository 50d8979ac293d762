// The autoscaler's stabilisation windows: since when an endpoint's load has wanted more (or
// fewer) replicas without a break. In memory only, like the load itself — after a restart a
// window starts again, which errs on the side of not flapping.

export type ScalingDirection = "up" | "down";

export class ScalingWindows {
  private since = new Map<string, { direction: ScalingDirection; atMs: number }>();

  /** The condition holds now: returns since when it has held without a break. */
  hold(endpointId: string, direction: ScalingDirection, nowMs: number): number {
    const current = this.since.get(endpointId);
    if (current?.direction === direction) return current.atMs;
    this.since.set(endpointId, { direction, atMs: nowMs });
    return nowMs;
  }

  /** Neither condition holds (or the change was made): the next one starts a fresh window. */
  reset(endpointId: string): void {
    this.since.delete(endpointId);
  }
}
