import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { SignInDiscoveryInput } from "@/lib/domain/sso";
import { discoverSignInMethod } from "@/lib/services/sso/discover-sign-in-method";

// Home-realm discovery for the sign-in page: answered from the e-mail's domain alone (so it
// reveals nothing about accounts), rate-limited per client like every anonymous call.
export const POST = apiRoute({ auth: "public", body: SignInDiscoveryInput }, async ({ body }) => ok(await discoverSignInMethod(body)));
