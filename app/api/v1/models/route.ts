import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { listModels } from "@/lib/services/endpoints/list-models";

export const GET = apiRoute({ auth: "public" }, async () => ok({ items: listModels(), nextCursor: null }));
