import type { Db } from "@/lib/db/client";
import type { Clock } from "./clock";
import type { SimConfig } from "./config";
import type { UsageBuffer } from "./usage-buffer";
import type { LoadTracker } from "./load-tracker";
import type { ScalingWindows } from "./scaling-windows";

/** What every part of the simulator works with. */
export interface SimContext {
  db: Db;
  clock: Clock;
  config: SimConfig;
  /** Inference usage not yet written (flushed each tick). */
  usage: UsageBuffer;
  /** In-flight requests and recent tokens per endpoint, for the autoscaler. */
  load: LoadTracker;
  /** Since when each endpoint's load has wanted more or fewer replicas (stabilisation windows). */
  windows: ScalingWindows;
}
