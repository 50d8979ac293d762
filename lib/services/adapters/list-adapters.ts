import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { loraAdapters } from "@/lib/db/schema";
import { AdapterListQuery, type Adapter } from "@/lib/domain/adapters/adapters-api";
import { decodeCursor, toPage } from "@/lib/domain/cursor";
import { orgContext } from "../access/org-context";
import { attachmentsOf, loadAdapter, toAdapter } from "./adapter-records";

/** The org's adapters by id (creation order), a keyset page at a time, optionally of one base model. */
export async function listAdapters(principal: Principal, slug: string, raw: Partial<AdapterListQuery> = {}): Promise<{ items: Adapter[]; nextCursor: string | null }> {
  const query = AdapterListQuery.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  const after = decodeCursor<{ i: string }>(query.cursor, ["i"]);
  const rows = await db
    .select()
    .from(loraAdapters)
    .where(and(eq(loraAdapters.orgId, orgId), query.baseModelId ? eq(loraAdapters.baseModelId, query.baseModelId) : undefined, after ? gt(loraAdapters.id, after.i) : undefined))
    .orderBy(asc(loraAdapters.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => ({ i: r.id }));
  const attached = await attachmentsOf(db, orgId, page.items.map((r) => r.id));
  return { items: page.items.map((r) => toAdapter(r, attached.get(r.id) ?? [])), nextCursor: page.nextCursor };
}

export async function getAdapter(principal: Principal, slug: string, id: string): Promise<Adapter> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  const row = await loadAdapter(db, orgId, id);
  const attached = await attachmentsOf(db, orgId, [row.id]);
  return toAdapter(row, attached.get(row.id) ?? []);
}
