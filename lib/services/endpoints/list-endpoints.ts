import "server-only";
import { and, desc, eq, isNull, lt } from "drizzle-orm";
import { endpoints } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { EndpointListQuery, type EndpointView } from "@/lib/domain/endpoints";
import { decodeCursor, encodeCursor } from "@/lib/domain/cursor";
import { orgContext } from "../access/org-context";
import { latestOperations, toEndpointView } from "./records";

/** Newest first, keyset-paginated on the (time-sortable) id. */
export async function listEndpoints(principal: Principal, slug: string, raw: Partial<EndpointListQuery> = {}): Promise<{ items: EndpointView[]; nextCursor: string | null }> {
  const query = EndpointListQuery.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  const after = decodeCursor<{ i: string }>(query.cursor, ["i"])?.i;
  const rows = await db
    .select()
    .from(endpoints)
    .where(
      and(
        eq(endpoints.orgId, orgId),
        isNull(endpoints.deletedAt),
        query.status ? eq(endpoints.status, query.status) : undefined,
        query.modelId ? eq(endpoints.modelId, query.modelId) : undefined,
        after ? lt(endpoints.id, after) : undefined,
      ),
    )
    .orderBy(desc(endpoints.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const ops = await latestOperations(db, orgId, page.map((r) => r.id));
  return {
    items: page.map((r) => toEndpointView(r, ops.get(r.id))),
    nextCursor: rows.length > query.limit ? encodeCursor({ i: page[page.length - 1].id }) : null,
  };
}
