import { apiRoute } from "@/lib/api/route";
import { OrgIdParams } from "@/lib/api/params";
import { getAttestationJws } from "@/lib/services/attestations/get-attestation-jws";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => {
  const file = await getAttestationJws(principal, params.org, params.id);
  return new Response(file.bytes, {
    status: 200,
    headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"` },
  });
});
