import { apiRoute } from "@/lib/api/route";
import { noContent, ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { deleteAdapter } from "@/lib/services/adapters/delete-adapter";
import { getAdapter } from "@/lib/services/adapters/list-adapters";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getAdapter(principal, params.org, params.id)));

export const DELETE = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => {
  await deleteAdapter(principal, params.org, params.id);
  return noContent();
});
