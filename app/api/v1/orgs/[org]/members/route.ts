import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { listMembers } from "@/lib/services/members/list-members";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await listMembers(principal, params.org)));
