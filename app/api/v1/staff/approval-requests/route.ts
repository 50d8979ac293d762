import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { decodeCursor, encodeCursor } from "@/lib/api/pagination";
import { ListQuery } from "@/lib/domain/common";
import { StaffApprovalRequestQuery } from "@/lib/domain/staff-approvals";
import { listAccountManagerApprovals } from "@/lib/services/staff/list-account-manager-approvals";

export const GET = apiRoute({ query: ListQuery.extend(StaffApprovalRequestQuery.shape) }, async ({ principal, query }) => {
  const { limit, cursor, ...filter } = query;
  const position = decodeCursor<{ id: string }>(cursor, ["id"]);
  const page = await listAccountManagerApprovals(principal, filter, { limit, afterId: position?.id });
  return ok({ items: page.items, nextCursor: page.nextAfterId ? encodeCursor({ id: page.nextAfterId }) : null });
});
