import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { endpoints } from "@/lib/db/schema";
import { namePrefix, sortedKeyset } from "@/lib/db/sorted-keyset";
import type { Principal } from "@/lib/auth/principal";
import { EndpointListQuery, type EndpointView } from "@/lib/domain/endpoints";
import { orgContext } from "../access/org-context";
import { latestOperations, toEndpointView } from "./records";

// The endpoints list: the clusters list's filters (name prefix, region, status) and sorts, paged
// by the one resource-list keyset (lib/db/sorted-keyset.ts); plus a model filter of its own.

export async function listEndpoints(principal: Principal, slug: string, raw: EndpointListQuery = {}): Promise<{ items: EndpointView[]; nextCursor: string | null }> {
  const query = EndpointListQuery.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  const keyset = sortedKeyset(endpoints, query);
  const rows = await db
    .select()
    .from(endpoints)
    .where(
      and(
        eq(endpoints.orgId, orgId),
        isNull(endpoints.deletedAt),
        query.status ? eq(endpoints.status, query.status) : undefined,
        query.modelId ? eq(endpoints.modelId, query.modelId) : undefined,
        query.regionId ? eq(endpoints.regionId, query.regionId) : undefined,
        namePrefix(endpoints.name, query.q),
        keyset.after,
      ),
    )
    .orderBy(...keyset.orderBy)
    .limit(keyset.fetch);
  const { items: page, nextCursor } = keyset.page(rows);
  const ops = await latestOperations(db, orgId, page.map((r) => r.id));
  return { items: page.map((r) => toEndpointView(r, ops.get(r.id))), nextCursor };
}
