import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { listRegions } from "@/lib/services/catalog/list-regions";

export const GET = apiRoute({ auth: "public" }, async () => ok({ items: listRegions(), nextCursor: null }));
