import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { UpdateResidencyPolicyInput } from "@/lib/domain/residency-policy";
import { getResidencyPolicy } from "@/lib/services/residency/get-residency-policy";
import { updateResidencyPolicy } from "@/lib/services/residency/update-residency-policy";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await getResidencyPolicy(principal, params.org)));

export const PUT = apiRoute({ params: OrgParams, body: UpdateResidencyPolicyInput }, async ({ principal, params, body }) =>
  ok(await updateResidencyPolicy(await processControlPlane(), principal, params.org, body)),
);
