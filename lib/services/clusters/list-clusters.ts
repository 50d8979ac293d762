import "server-only";
import { openOperationsOf } from "../operations/record-operation";
import { and, asc, desc, eq, gt, like, lt, ne, sql, type SQL } from "drizzle-orm";
import { clusters } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { decodeCursor, encodeCursor } from "@/lib/domain/cursor";
import { ClusterListQuery, type Cluster } from "@/lib/domain/clusters";
import { orgContext } from "../access/org-context";
import { costsThisMonth } from "./cluster-costs";
import { toCluster } from "./to-cluster";

// The clusters list: filters (status, region, name prefix) and sorts, paginated by keyset on
// (org_id, id) or (org_id, name, id) — a deep page costs what the first page costs. Deleted
// clusters are left out unless asked for with status=deleted.

const IN_FLIGHT = new Set(["queued", "provisioning", "updating", "deleting"]);

export async function listClusters(principal: Principal, slug: string, rawQuery: ClusterListQuery = {}): Promise<{ items: Cluster[]; nextCursor: string | null }> {
  const { db, orgId, access } = await orgContext(principal, slug, "clusters.read");
  const query = ClusterListQuery.parse(rawQuery);
  const byName = query.sort === "name_asc" || query.sort === "name_desc";
  const ascending = query.sort === "created_asc" || query.sort === "name_asc";
  const cursor = decodeCursor<{ n: string; i: string }>(query.cursor, byName ? ["n", "i"] : ["i"]);

  const filters: (SQL | undefined)[] = [eq(clusters.orgId, orgId)];
  if (query.status && query.status !== "active") filters.push(eq(clusters.status, query.status));
  else filters.push(ne(clusters.status, "deleted"));
  if (query.regionId) filters.push(eq(clusters.regionId, query.regionId));
  if (query.q) filters.push(like(clusters.name, `${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (cursor) {
    const after = ascending ? gt : lt;
    // A row comparison, which the (org_id, name, id) index answers directly.
    if (byName) filters.push(ascending ? sql`(${clusters.name}, ${clusters.id}) > (${cursor.n}, ${cursor.i})` : sql`(${clusters.name}, ${clusters.id}) < (${cursor.n}, ${cursor.i})`);
    else filters.push(after(clusters.id, String(cursor.i)));
  }
  const dir = ascending ? asc : desc;
  const rows = await db
    .select()
    .from(clusters)
    .where(and(...filters))
    // org_id leads the order so the planner walks the (org_id, …) index of this org only.
    .orderBy(...(byName ? [dir(clusters.orgId), dir(clusters.name), dir(clusters.id)] : [dir(clusters.orgId), dir(clusters.id)]))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCursor(byName ? { n: last.name, i: last.id } : { i: last.id }) : null;

  // Only a cluster that is provisioning, updating or deleting has an operation in flight (every
  // change sets one of those statuses in the transaction that records it), so a page of settled
  // clusters needs no operations query.
  const busy = page.filter((r) => IN_FLIGHT.has(r.status)).map((r) => r.id);
  // Spend is for roles with billing.read (the permission table): others get no cost, not zero.
  const seesSpend = access.permissions.includes("billing.read");
  const [open, costs] = await Promise.all([
    busy.length > 0 ? openOperationsOf(db, orgId, busy) : Promise.resolve([]),
    seesSpend ? costsThisMonth(db, orgId, page) : Promise.resolve(null),
  ]);
  return { items: page.map((r) => toCluster(r, costs?.get(r.id) ?? null, open.filter((o) => o.targetId === r.id).at(-1))), nextCursor };
}
