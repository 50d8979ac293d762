import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";

export const GET = apiRoute({ auth: "public" }, async () => ok(buildOpenApiDocument()));
