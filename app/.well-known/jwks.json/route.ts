import { createHash } from "node:crypto";
import { getJwks } from "@/lib/services/attestations/get-jwks";

// The attestation public keys (RFC 7517), for anyone: customers, auditors, their tools. Retired
// keys stay here forever. Cacheable for a few minutes, with an ETag so that a verifier that
// revalidates (as the console's own page does) sees a rotation at once for the cost of a 304.

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const body = JSON.stringify(await getJwks());
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    const headers = {
      "content-type": "application/jwk-set+json",
      "cache-control": "public, max-age=300, must-revalidate",
      etag,
      "access-control-allow-origin": "*",
    };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return new Response(body, { status: 200, headers });
  } catch (error) {
    console.error("[jwks]", error);
    return Response.json({ error: { code: "internal", message: "keys unavailable" } }, { status: 500, headers: { "cache-control": "no-store" } });
  }
}
