import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { decodeCursor, encodeCursor } from "@/lib/api/pagination";
import { ListQuery } from "@/lib/domain/common";
import { StaffQuotaRequestQuery } from "@/lib/domain/staff";
import { listQuotaQueue } from "@/lib/services/staff/list-quota-queue";

export const GET = apiRoute({ query: ListQuery.extend(StaffQuotaRequestQuery.shape) }, async ({ principal, query }) => {
  const { limit, cursor, ...filter } = query;
  const position = decodeCursor<{ id: string }>(cursor, ["id"]);
  const page = await listQuotaQueue(principal, filter, { limit, afterId: position?.id });
  return ok({ items: page.items, nextCursor: page.nextAfterId ? encodeCursor({ id: page.nextAfterId }) : null });
});
