import { apiRoute } from "@/lib/api/route";
import { OrgParams } from "@/lib/api/params";
import { ArchivePolicyQuery } from "@/lib/domain/billing-api";
import { getArchivePolicy } from "@/lib/services/billing/get-archive-policy";

export const GET = apiRoute({ params: OrgParams, query: ArchivePolicyQuery }, async ({ principal, params, query }) => {
  const file = await getArchivePolicy(principal, params.org, query.lang);
  return new Response(file.body, { status: 200, headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${file.filename}"` } });
});
