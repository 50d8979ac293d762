import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { CapacityQuery } from "@/lib/domain/catalog-api";
import { getCapacity } from "@/lib/services/catalog/get-capacity";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ query: CapacityQuery }, async ({ principal, query }) => ok(await getCapacity(await processControlPlane(), principal, query)));
