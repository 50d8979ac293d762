import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { OperationListQuery } from "@/lib/domain/operations";
import { listOperations } from "@/lib/services/operations/list-operations";

export const GET = apiRoute({ params: OrgParams, query: OperationListQuery }, async ({ principal, params, query }) => ok(await listOperations(principal, params.org, query)));
