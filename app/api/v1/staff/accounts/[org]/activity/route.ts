import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { decodeCursor, encodeCursor } from "@/lib/api/pagination";
import { ListQuery } from "@/lib/domain/common";
import { listAccountActivity } from "@/lib/services/staff/list-account-activity";

export const GET = apiRoute({ params: OrgParams, query: ListQuery }, async ({ principal, params, query }) => {
  const position = decodeCursor<{ id: string }>(query.cursor, ["id"]);
  const page = await listAccountActivity(principal, params.org, { limit: query.limit, beforeId: position?.id });
  return ok({ items: page.items, nextCursor: page.nextAfterId ? encodeCursor({ id: page.nextAfterId }) : null });
});
