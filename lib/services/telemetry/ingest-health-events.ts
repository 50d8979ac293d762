import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { appSettings, clusters, endpoints, gpuHealthEvents, orgs } from "@/lib/db/schema";
import type { ControlPlane } from "@/lib/control-plane";
import { NOTIFICATION_AUDIENCE } from "@/lib/domain/notification-routing";
import type { HealthEvent } from "@/lib/domain/telemetry";
import { notifyOrgRoles } from "../notifications/notify";

// The hardware health feed: faults, cordons and node replacements, copied per org in the
// control plane's order. Each page is one transaction with the cursor; an event is stored once
// (by its id) and only a newly stored fault or finished replacement notifies the org's owners
// and admins (deduplicated per event as well), so a re-read or a second instance tells no one
// twice. The attestation renewal sees the changed node set by itself and issues a new statement.

export const HEALTH_CURSOR_KEY = "telemetry.health_cursor";

async function readCursor(db: DbOrTx): Promise<string | null> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, HEALTH_CURSOR_KEY));
  return (row?.value as { sequence?: string } | undefined)?.sequence ?? null;
}

async function writeCursor(tx: DbOrTx, sequence: string): Promise<void> {
  await tx
    .insert(appSettings)
    .values({ key: HEALTH_CURSOR_KEY, value: { sequence } })
    .onConflictDoUpdate({
      target: appSettings.key,
      set: { value: sql`CASE WHEN (${appSettings.value}->>'sequence')::bigint < ${Number(sequence)} THEN excluded.value ELSE ${appSettings.value} END`, updatedAt: sql`now()` },
    });
}

const NOTIFY: Partial<Record<HealthEvent["kind"], string>> = {
  fault_detected: "gpuFaultDetected",
  node_replaced: "gpuNodeReplaced",
  replacement_unavailable: "gpuReplacementUnavailable",
};

async function notify(tx: DbOrTx, events: HealthEvent[]): Promise<void> {
  const wanted = events.filter((e) => NOTIFY[e.kind]);
  if (wanted.length === 0) return;
  const orgIds = [...new Set(wanted.map((e) => e.tenantId))];
  const ids = [...new Set(wanted.map((e) => e.resourceId))];
  const slugs = new Map((await tx.select({ id: orgs.id, slug: orgs.slug }).from(orgs).where(inArray(orgs.id, orgIds))).map((o) => [o.id, o.slug]));
  const names = new Map<string, string>();
  for (const c of await tx.select({ id: clusters.id, name: clusters.name }).from(clusters).where(inArray(clusters.id, ids))) names.set(c.id, c.name);
  for (const e of await tx.select({ id: endpoints.id, name: endpoints.name }).from(endpoints).where(inArray(endpoints.id, ids))) names.set(e.id, e.name);
  for (const event of wanted) {
    const slug = slugs.get(event.tenantId);
    if (!slug) continue; // not one of our orgs
    const key = NOTIFY[event.kind]!;
    const kindPath = event.resourceKind === "cluster" ? "clusters" : "endpoints";
    await notifyOrgRoles(
      tx,
      event.tenantId,
      NOTIFICATION_AUDIENCE.operation,
      {
        category: "operation",
        titleKey: `${key}.title`,
        bodyKey: `${key}.body`,
        params: {
          resource: names.get(event.resourceId) ?? event.resourceId,
          node: event.hostname,
          fault: event.fault ?? "",
          xid: event.xid ?? "",
          newNode: event.replacement?.hostname ?? "",
        },
        link: `/${slug}/${kindPath}/${event.resourceId}`,
        dedupeKey: `health:${event.id}`,
      },
      new Date(event.at),
    );
  }
}

export interface HealthIngestRound {
  received: number;
  inserted: number;
}

export async function ingestHealthEventsFromControlPlane(db: Db, controlPlane: ControlPlane, options: { pageSize?: number; maxPages?: number } = {}): Promise<HealthIngestRound> {
  const round: HealthIngestRound = { received: 0, inserted: 0 };
  let cursor = await readCursor(db);
  for (let pages = 0; pages < (options.maxPages ?? 20); pages++) {
    const page = await controlPlane.healthEventsSince(cursor, options.pageSize ?? 500);
    if (page.events.length === 0) break;
    round.received += page.events.length;
    round.inserted += await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(gpuHealthEvents)
        .values(page.events.map((e) => ({ id: e.id, orgId: e.tenantId, resourceId: e.resourceId, kind: e.kind, at: new Date(e.at), event: e })))
        .onConflictDoNothing()
        .returning({ id: gpuHealthEvents.id });
      const fresh = new Set(inserted.map((r) => r.id));
      await notify(tx, page.events.filter((e) => fresh.has(e.id)));
      await writeCursor(tx, page.nextCursor);
      return inserted.length;
    });
    cursor = page.nextCursor;
  }
  return round;
}


