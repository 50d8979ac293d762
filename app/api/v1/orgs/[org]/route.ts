import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { UpdateOrgInput } from "@/lib/domain/orgs";
import { getOrg } from "@/lib/services/orgs/get-org";
import { updateOrg } from "@/lib/services/orgs/update-org";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await getOrg(principal, params.org)));

export const PATCH = apiRoute({ params: OrgParams, body: UpdateOrgInput }, async ({ principal, params, body }) => ok(await updateOrg(principal, params.org, body)));
