import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { appSettings } from "@/lib/db/schema";
import { DEFAULT_SOURCE, getIngestionCursor, ingestMeteringRecords } from "@/lib/billing";
import type { ControlPlane } from "@/lib/control-plane";
import type { MeteringRecord } from "@/lib/domain/metering";
import { evaluateBudgetsOf } from "./evaluate-org-budgets";

// The metering loop: read the control plane's log after our cursor, page by page, and hand each
// page to the engine, which stores every record once and advances the cursor in the same
// transaction as the records. A crash anywhere re-reads from the last committed cursor and the
// engine drops what it already has, so a restart neither loses nor double-counts a record.
// Budgets of the orgs that got new usage are evaluated after each round.

export const INGESTED_UNTIL_KEY = "billing.ingested_until";

export interface IngestRound {
  pages: number;
  received: number;
  inserted: number;
  cursor: number | null;
  /** End of the latest metering interval ingested so far (from the control plane's log). */
  ingestedUntil: string | null;
}

export async function ingestMeteringFromControlPlane(
  db: Db,
  controlPlane: ControlPlane,
  options: { pageSize?: number; maxPages?: number; now?: Date } = {},
): Promise<IngestRound> {
  const pageSize = options.pageSize ?? 2000;
  const maxPages = options.maxPages ?? 50;
  const round: IngestRound = { pages: 0, received: 0, inserted: 0, cursor: await getIngestionCursor(db, DEFAULT_SOURCE), ingestedUntil: null };
  const tenants = new Set<string>();
  let latestEnd = "";
  while (round.pages < maxPages) {
    const page = await controlPlane.meteringSince(round.cursor === null ? null : String(round.cursor), pageSize);
    if (page.records.length === 0) break;
    const result = await ingestMeteringRecords(db, page.records, { source: DEFAULT_SOURCE });
    round.pages++;
    round.received += result.received;
    round.inserted += result.inserted;
    round.cursor = result.lastSequence;
    for (const r of page.records as MeteringRecord[]) {
      tenants.add(r.tenantId);
      if (r.intervalEnd > latestEnd) latestEnd = r.intervalEnd;
    }
    if (page.records.length < pageSize) break;
  }
  if (latestEnd) {
    await db
      .insert(appSettings)
      .values({ key: INGESTED_UNTIL_KEY, value: { intervalEnd: latestEnd } })
      .onConflictDoUpdate({
        target: appSettings.key,
        // Only ever forward: greatest of the stored and the new end.
        set: { value: sql`CASE WHEN ${appSettings.value}->>'intervalEnd' < ${latestEnd} THEN excluded.value ELSE ${appSettings.value} END`, updatedAt: sql`now()` },
      });
  }
  round.ingestedUntil = latestEnd || (await readIngestedUntil(db));
  if (round.inserted > 0) await evaluateBudgetsOf(db, [...tenants], options.now ?? new Date(), controlPlane);
  return round;
}

export async function readIngestedUntil(db: Db): Promise<string | null> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, INGESTED_UNTIL_KEY));
  return (row?.value as { intervalEnd?: string } | undefined)?.intervalEnd ?? null;
}
