import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { usageRecords } from "@/lib/db/schema";
import { floorYen, ratioToDecimal, SECONDS_PER_HOUR, toSafeNumber } from "@/lib/domain/billing";
import { yen } from "@/lib/domain/common";
import type { ReservationUtilisation } from "@/lib/domain/reservations/reservations-api";
import type { ReservationRow } from "./to-reservation";

// Utilisation of a reservation so far: GPU-hours metered on its machines against GPU-hours held
// from its start until now (or its end), and the money that paid for the unused part. Metering
// arrives a minute or so behind, so "so far" is "as metered".

export async function reservationUtilisation(db: DbOrTx, orgId: string, rows: readonly ReservationRow[], nowMs: number): Promise<Map<string, ReservationUtilisation>> {
  const started = rows.filter((r) => r.state === "ordered" && r.startsAt.getTime() <= nowMs);
  const out = new Map<string, ReservationUtilisation>();
  if (started.length === 0) return out;
  const used = await db
    .select({ reservationId: usageRecords.reservationId, seconds: sql<string>`coalesce(sum(${usageRecords.seconds}), 0)::text`, gpuSeconds: sql<string>`coalesce(sum(${usageRecords.gpuSeconds}), 0)::text` })
    .from(usageRecords)
    .where(and(eq(usageRecords.orgId, orgId), inArray(usageRecords.reservationId, started.map((r) => r.id))))
    .groupBy(usageRecords.reservationId);
  const byId = new Map(used.map((u) => [u.reservationId, { seconds: BigInt(u.seconds), gpuSeconds: BigInt(u.gpuSeconds) }]));
  for (const r of started) {
    const elapsed = BigInt(Math.floor((Math.min(nowMs, r.endsAt.getTime()) - r.startsAt.getTime()) / 1000));
    const heldNodeSeconds = elapsed * BigInt(r.count);
    const heldGpuSeconds = elapsed * BigInt(r.gpuCount);
    const u = byId.get(r.id) ?? { seconds: 0n, gpuSeconds: 0n };
    const usedNodeSeconds = u.seconds < heldNodeSeconds ? u.seconds : heldNodeSeconds;
    const idleRu = (r.reservedHourRu * (heldNodeSeconds - usedNodeSeconds)) / SECONDS_PER_HOUR;
    out.set(r.id, {
      usedGpuHours: ratioToDecimal(u.gpuSeconds, 3600n, 3),
      reservedGpuHours: ratioToDecimal(heldGpuSeconds, 3600n, 3),
      percent: heldGpuSeconds === 0n ? "0.00" : ratioToDecimal(u.gpuSeconds * 100n, heldGpuSeconds, 2),
      idle: yen(toSafeNumber(floorYen(idleRu))),
    });
  }
  return out;
}
