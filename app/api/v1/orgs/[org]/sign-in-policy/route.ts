import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { UpdateSignInPolicyInput } from "@/lib/domain/sign-in-policy";
import { getSignInPolicy } from "@/lib/services/sign-in-policy/get-sign-in-policy";
import { updateSignInPolicy } from "@/lib/services/sign-in-policy/update-sign-in-policy";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await getSignInPolicy(principal, params.org)));

export const PUT = apiRoute({ params: OrgParams, body: UpdateSignInPolicyInput }, async ({ principal, params, body }) =>
  ok(await updateSignInPolicy(principal, params.org, body)),
);
