import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { decodeCursor, encodeCursor } from "@/lib/api/pagination";
import { QuotaRequestQuery } from "@/lib/domain/catalog-api";
import { ListQuery } from "@/lib/domain/common";
import { CreateQuotaRequestInput, type QuotaRequest } from "@/lib/domain/quotas";
import { createQuotaRequest } from "@/lib/services/quota-requests/create-quota-request";
import { listQuotaRequests } from "@/lib/services/quota-requests/list-quota-requests";

export const GET = apiRoute({ params: OrgParams, query: ListQuery.extend(QuotaRequestQuery.shape) }, async ({ principal, params, query }) => {
  const { limit, cursor, ...filter } = query;
  const position = decodeCursor<{ id: string }>(cursor, ["id"]);
  const page = await listQuotaRequests(principal, params.org, filter, { limit, beforeId: position?.id });
  return ok({ items: page.items, nextCursor: page.nextAfterId ? encodeCursor({ id: page.nextAfterId }) : null });
});

export const POST = apiRoute({ params: OrgParams, body: CreateQuotaRequestInput, idempotent: true }, async ({ principal, params, body, idempotency }) => {
  const respond = (request: QuotaRequest) => created(request, `/api/v1/orgs/${params.org}/quota-requests/${request.id}`);
  return respond(await createQuotaRequest(principal, params.org, body, { outcome: idempotency.recorder(respond) }));
});
