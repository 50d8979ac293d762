import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { getOrgContract } from "@/lib/services/contracts/get-org-contract";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await getOrgContract(principal, params.org)));
