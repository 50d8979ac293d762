import { asc, desc, gt, like, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { decodeCursor, toPage, type CursorPosition, type Page } from "@/lib/domain/cursor";
import type { ResourceListSort } from "@/lib/domain/resource-list";

// The one keyset for the resource lists (clusters, endpoints): sort by creation (the id is
// time-sortable) or by name, and page on (name, id) or (id) so a deep page costs what the first
// page costs. org_id leads the order so the planner walks the (org_id, …) index of one org.

interface ListColumns {
  orgId: AnyColumn;
  id: AnyColumn;
  name: AnyColumn;
}

export function sortedKeyset(columns: ListColumns, query: { sort: ResourceListSort; cursor?: string; limit: number }) {
  const byName = query.sort === "name_asc" || query.sort === "name_desc";
  const ascending = query.sort === "created_asc" || query.sort === "name_asc";
  const cursor = decodeCursor<{ n: string; i: string }>(query.cursor, byName ? ["n", "i"] : ["i"]);
  let after: SQL | undefined;
  if (cursor && byName) {
    // A row comparison, which an (org_id, name, …) index answers directly.
    after = ascending ? sql`(${columns.name}, ${columns.id}) > (${String(cursor.n)}, ${String(cursor.i)})` : sql`(${columns.name}, ${columns.id}) < (${String(cursor.n)}, ${String(cursor.i)})`;
  } else if (cursor) {
    after = (ascending ? gt : lt)(columns.id, String(cursor.i));
  }
  const dir = ascending ? asc : desc;
  return {
    /** The rows past the cursor (undefined on the first page). */
    after,
    orderBy: byName ? [dir(columns.orgId), dir(columns.name), dir(columns.id)] : [dir(columns.orgId), dir(columns.id)],
    /** Fetch one more than a page, so its presence says whether there is a next page. */
    fetch: query.limit + 1,
    page<T extends { id: string; name: string }>(rows: T[]): Page<T> {
      return toPage(rows, query.limit, (r): CursorPosition => (byName ? { n: r.name, i: r.id } : { i: r.id }));
    },
  };
}

/** Names starting with `prefix`, with LIKE's wildcards taken literally. */
export function namePrefix(column: AnyColumn, prefix: string | undefined): SQL | undefined {
  if (!prefix) return undefined;
  return like(column, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
