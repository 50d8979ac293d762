import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { cancelCapacityRequest, getCapacityRequest } from "@/lib/services/capacity-queue/capacity-requests";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getCapacityRequest(await processControlPlane(), principal, params.org, params.id)));

/** Leaves the line. */
export const DELETE = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await cancelCapacityRequest(await processControlPlane(), principal, params.org, params.id)));
