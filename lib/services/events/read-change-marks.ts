import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { LiveTopic } from "@/lib/domain/live-marks";

// What changed, as cheap "marks" per org: one opaque string per topic that moves whenever
// something a person could see on that topic moved. One query for every watched org (and every
// watching person's notifications) at once, whatever the number of tabs. Read only.


export type OrgMarks = Record<Exclude<LiveTopic, "notifications">, string>;

export interface ChangeMarks {
  /** orgId → topic → mark. */
  orgs: Map<string, OrgMarks>;
  /** `${orgId}:${userId}` → that person's notifications mark in that org. */
  notifications: Map<string, string>;
}

interface Row extends Record<string, unknown> {
  kind: string;
  org_id: string;
  user_id: string | null;
  mark: string | null;
}

export async function readChangeMarks(db: Db, orgIds: readonly string[], watchers: ReadonlyArray<{ orgId: string; userId: string }>): Promise<ChangeMarks> {
  const marks: ChangeMarks = { orgs: new Map(), notifications: new Map() };
  if (orgIds.length === 0) return marks;
  const orgList = sql.join(orgIds.map((id) => sql`${id}`), sql`, `);
  const userIds = [...new Set(watchers.map((w) => w.userId))];
  // `in ()` is not SQL; with nobody's notifications watched, no row matches null.
  const userList = userIds.length > 0 ? sql.join(userIds.map((id) => sql`${id}`), sql`, `) : sql`null`;
  // Resources and the one operations table (issue 16) move updated_at on every change. The mark
  // is the sum of those times, not their maximum: a writer takes its time before its transaction
  // (the operations engine reads the control plane in between), so a commit can carry an older
  // time than a row another writer committed first — under max() that change never moved the
  // mark, and an open tab kept showing 準備中 until its safety refresh. The count catches a row
  // that appeared or went with no time moving. Residency statements are never changed or deleted,
  // so their count is their mark (the overview's 発行待ち became 適合 only at the safety refresh).
  const stamp = sql.raw("count(*)::text || '/' || coalesce(sum(floor(extract(epoch from updated_at) * 1000000))::text, '')");
  const result = await db.execute<Row>(sql`
    select 'clusters' as kind, org_id, null as user_id, ${stamp} as mark from clusters where org_id in (${orgList}) group by org_id
    union all
    select 'endpoints', org_id, null, ${stamp} from endpoints where org_id in (${orgList}) group by org_id
    union all
    select 'ops:' || target_kind, org_id, null, ${stamp} from operations where org_id in (${orgList}) group by org_id, target_kind
    union all
    select 'attestations', org_id, null, count(*)::text from attestations where org_id in (${orgList}) group by org_id
    union all
    select 'notifications', org_id, user_id, max(id) || '/' || count(*)::text || '/' || count(*) filter (where read_at is null)::text from notifications
      where org_id in (${orgList}) and user_id in (${userList}) group by org_id, user_id
  `);
  const rows = (result as unknown as { rows: Row[] }).rows;
  const parts = new Map<string, Record<string, string>>();
  for (const row of rows) {
    if (row.kind === "notifications") {
      marks.notifications.set(`${row.org_id}:${row.user_id}`, row.mark ?? "");
      continue;
    }
    const org = parts.get(row.org_id) ?? {};
    org[row.kind] = row.mark ?? "";
    parts.set(row.org_id, org);
  }
  for (const orgId of orgIds) {
    const p = parts.get(orgId) ?? {};
    marks.orgs.set(orgId, { clusters: `${p.clusters ?? ""}|${p["ops:cluster"] ?? ""}`, endpoints: `${p.endpoints ?? ""}|${p["ops:endpoint"] ?? ""}`, attestations: p.attestations ?? "" });
  }
  return marks;
}
