import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { CapacityQuery } from "@/lib/domain/catalog-api";
import { getCapacity } from "@/lib/services/catalog/get-capacity";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ query: CapacityQuery }, async ({ principal, query }) => ok(await getCapacity(principal, query)));
