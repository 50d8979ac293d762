import { apiRoute } from "@/lib/api/route";
import { OrgIdParams } from "@/lib/api/params";
import { getAttestationPdf } from "@/lib/services/attestations/get-attestation-pdf";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => {
  const file = await getAttestationPdf(principal, params.org, params.id);
  return new Response(file.bytes, {
    status: 200,
    headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"` },
  });
});
