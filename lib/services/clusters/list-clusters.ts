import "server-only";
import { openOperationsOf } from "../operations/record-operation";
import { and, eq, ne, type SQL } from "drizzle-orm";
import { clusters } from "@/lib/db/schema";
import { namePrefix, sortedKeyset } from "@/lib/db/sorted-keyset";
import type { Principal } from "@/lib/auth/principal";
import { ClusterListQuery, type Cluster } from "@/lib/domain/clusters";
import { orgContext } from "../access/org-context";
import { costsThisMonth } from "./cluster-costs";
import { toCluster } from "./to-cluster";

// The clusters list: filters (status, region, name prefix) and sorts, paginated by the one
// resource-list keyset (lib/db/sorted-keyset.ts). Deleted clusters are left out unless asked for
// with status=deleted.

const IN_FLIGHT = new Set(["queued", "provisioning", "updating", "deleting"]);

export async function listClusters(principal: Principal, slug: string, rawQuery: ClusterListQuery = {}): Promise<{ items: Cluster[]; nextCursor: string | null }> {
  const { db, orgId, access } = await orgContext(principal, slug, "clusters.read");
  const query = ClusterListQuery.parse(rawQuery);
  const keyset = sortedKeyset(clusters, query);

  const filters: (SQL | undefined)[] = [eq(clusters.orgId, orgId)];
  if (query.status && query.status !== "active") filters.push(eq(clusters.status, query.status));
  else filters.push(ne(clusters.status, "deleted"));
  if (query.regionId) filters.push(eq(clusters.regionId, query.regionId));
  filters.push(namePrefix(clusters.name, query.q), keyset.after);
  const rows = await db
    .select()
    .from(clusters)
    .where(and(...filters))
    .orderBy(...keyset.orderBy)
    .limit(keyset.fetch);
  const { items: page, nextCursor } = keyset.page(rows);

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
