import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { decodeCursor } from "@/lib/api/pagination";
import { AuditQuery } from "@/lib/domain/audit";
import { ListQuery } from "@/lib/domain/common";
import { auditEventsPage, listAuditEvents } from "@/lib/services/audit/list-audit-events";

export const GET = apiRoute({ params: OrgParams, query: ListQuery.extend(AuditQuery.shape) }, async ({ principal, params, query }) => {
  const { limit, cursor, ...filter } = query;
  const position = decodeCursor<{ id: string }>(cursor, ["id"]);
  const page = await listAuditEvents(principal, params.org, filter, { limit, beforeId: position?.id });
  return ok(auditEventsPage(page));
});
