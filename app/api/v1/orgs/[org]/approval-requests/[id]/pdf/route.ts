import { apiRoute } from "@/lib/api/route";
import { OrgIdParams } from "@/lib/api/params";
import { getApprovalRequestPdf } from "@/lib/services/approvals/list-approval-requests";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => {
  const file = await getApprovalRequestPdf(principal, params.org, params.id);
  return new Response(new Uint8Array(file.body), { status: 200, headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"` } });
});
