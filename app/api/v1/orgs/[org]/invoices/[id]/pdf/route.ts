import { apiRoute } from "@/lib/api/route";
import { OrgIdParams } from "@/lib/api/params";
import { getInvoiceFile } from "@/lib/services/billing/get-invoice";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => {
  const file = await getInvoiceFile(principal, params.org, params.id, "pdf");
  return new Response(file.body as BodyInit, {
    status: 200,
    headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"` },
  });
});
