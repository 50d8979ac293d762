import "server-only";
import { and, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { gpuRollups, gpuSamples } from "@/lib/db/schema";

// Retention: raw samples for a day, 1-minute roll-ups for a week, 1-hour roll-ups for a year.
// Every chart and finding reads the resolution its range needs, so nothing older is ever asked of
// a finer table. Deletes are by indexed time, so a round costs what expired since the last one.

export const RETENTION_MS = {
  raw: 24 * 3600_000,
  "1m": 7 * 24 * 3600_000,
  "1h": 365 * 24 * 3600_000,
} as const;

export interface PruneReport {
  samples: number;
  minuteRollups: number;
  hourRollups: number;
}

export async function pruneTelemetry(db: DbOrTx, now: Date = new Date()): Promise<PruneReport> {
  const before = (ms: number) => new Date(now.getTime() - ms);
  const samples = await db.delete(gpuSamples).where(lt(gpuSamples.windowStart, before(RETENTION_MS.raw))).returning({ uuid: gpuSamples.uuid });
  const minute = await db
    .delete(gpuRollups)
    .where(and(eq(gpuRollups.resolution, "1m"), lt(gpuRollups.bucket, before(RETENTION_MS["1m"]))))
    .returning({ id: gpuRollups.resourceId });
  const hour = await db
    .delete(gpuRollups)
    .where(and(eq(gpuRollups.resolution, "1h"), lt(gpuRollups.bucket, before(RETENTION_MS["1h"]))))
    .returning({ id: gpuRollups.resourceId });
  return { samples: samples.length, minuteRollups: minute.length, hourRollups: hour.length };
}
