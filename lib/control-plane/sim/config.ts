import type { FleetEntry } from "@/lib/domain/catalog/fleet";

// Everything about the simulator that a demo, a test or a benchmark may want to turn.

export interface SimTiming {
  /**
   * Divides every duration. 1 = demo pace (a cluster is ready in about 30 s), 10 = ten times
   * faster, Infinity = instant (operations finish on the next tick).
   */
  speed: number;
  /** Share of a model's nominal cold start (catalog) that the simulator makes a request wait. */
  coldStartFactor: number;
  /** Wall-clock pause between streamed tokens; 0 streams as fast as the consumer reads. */
  tokenDelayMs: number;
}

export const DEMO_TIMING: SimTiming = {
  speed: 1,
  coldStartFactor: 0.2,
  tokenDelayMs: 15,
};

export interface FailureInjection {
  /** Share of provisioning operations that fail (decided per operation, deterministically). */
  rate: number;
  /** Resource names or ids whose provisioning always fails. */
  targets: readonly string[];
}

export interface FleetOptions {
  entries: readonly FleetEntry[];
  /** Multiplies every entry's count (the benchmark's 10× fleet). */
  scale: number;
  /** A modest pool of cpu-16 nodes in every zone, for system node pools. */
  cpuNodesPerZone: number;
}

export interface SimConfig {
  timing: SimTiming;
  failures: FailureInjection;
  fleet: FleetOptions;
  meteringIntervalSeconds: number;
  /** How often the background ticker runs when started. */
  tickIntervalMs: number;
  /** How many metering intervals one tick may close (a long outage catches up over ticks). */
  maxIntervalsPerTick: number;
}

/** Base durations at speed 1, in milliseconds. */
export const STEP_MS = {
  validating: 1_000,
  allocating: 2_000,
  bootingNodes: 12_000,
  bootingPerNode: 250,
  bootingExtraMax: 8_000,
  installingControlPlane: { single: 8_000, ha: 12_000 },
  joiningNodes: 5_000,
  upgradingControlPlane: 8_000,
  upgradingNodes: 10_000,
  drainingNodes: 5_000,
  releasingNodes: 3_000,
  deletingControlPlane: 3_000,
  bootingReplicas: 8_000,
  drainingReplicas: 3_000,
  releasingReplicas: 2_000,
} as const;

export function scaled(ms: number, timing: SimTiming): number {
  if (!Number.isFinite(timing.speed)) return 0;
  return Math.round(ms / timing.speed);
}

/** Cold start of a replica of `coldStartSeconds` (catalog), in this simulator's timing. */
export function coldStartMs(coldStartSeconds: number, timing: SimTiming): number {
  return scaled(coldStartSeconds * 1000 * timing.coldStartFactor, timing);
}
