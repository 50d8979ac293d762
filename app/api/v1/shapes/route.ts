import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { ShapeQuery } from "@/lib/domain/catalog-api";
import { listShapes } from "@/lib/services/catalog/list-shapes";

export const GET = apiRoute({ auth: "public", query: ShapeQuery }, async ({ query }) => ok({ items: listShapes(query), nextCursor: null }));
