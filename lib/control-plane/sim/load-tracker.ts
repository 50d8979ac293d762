// What the autoscaler looks at: requests in flight and tokens produced per endpoint since the
// last tick. Deliberately in memory only — after a restart the load is, truthfully, zero.

export interface LoadSample {
  inFlight: number;
  peakInFlight: number;
  tokensPerSecond: number;
}

export class LoadTracker {
  private inFlight = new Map<string, number>();
  private peak = new Map<string, number>();
  private tokens = new Map<string, number>();
  private sampledAt = new Map<string, number>();

  begin(endpointId: string): void {
    const n = (this.inFlight.get(endpointId) ?? 0) + 1;
    this.inFlight.set(endpointId, n);
    this.peak.set(endpointId, Math.max(this.peak.get(endpointId) ?? 0, n));
  }

  end(endpointId: string, tokens: number): void {
    this.inFlight.set(endpointId, Math.max(0, (this.inFlight.get(endpointId) ?? 1) - 1));
    this.tokens.set(endpointId, (this.tokens.get(endpointId) ?? 0) + tokens);
  }

  busy(endpointId: string): boolean {
    return (this.inFlight.get(endpointId) ?? 0) > 0;
  }

  /** Reads and restarts the window. */
  sample(endpointId: string, nowMs: number): LoadSample {
    const inFlight = this.inFlight.get(endpointId) ?? 0;
    const since = this.sampledAt.get(endpointId) ?? nowMs;
    const seconds = Math.max(1, (nowMs - since) / 1000);
    const sample = { inFlight, peakInFlight: this.peak.get(endpointId) ?? 0, tokensPerSecond: (this.tokens.get(endpointId) ?? 0) / seconds };
    this.peak.set(endpointId, inFlight);
    this.tokens.set(endpointId, 0);
    this.sampledAt.set(endpointId, nowMs);
    return sample;
  }
}
