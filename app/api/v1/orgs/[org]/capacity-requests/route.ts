import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CreateCapacityRequestInput } from "@/lib/domain/reservations/capacity-queue";
import { createCapacityRequest, listCapacityRequests } from "@/lib/services/capacity-queue/capacity-requests";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok({ items: await listCapacityRequests(await processControlPlane(), principal, params.org), nextCursor: null }));

export const POST = apiRoute({ params: OrgParams, body: CreateCapacityRequestInput, idempotent: true }, async ({ principal, params, body }) => {
  const request = await createCapacityRequest(await processControlPlane(), principal, params.org, body);
  return created(request, `/api/v1/orgs/${params.org}/capacity-requests/${request.id}`);
});
