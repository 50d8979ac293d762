import { apiRoute } from "@/lib/api/route";
import { clientAddressOf } from "@/lib/auth/client-address";
import { created } from "@/lib/api/responses";
import { TokenParams } from "@/lib/api/params";
import { AcceptInvitationInput, acceptInvitationWithNewAccount } from "@/lib/services/invitations/accept-invitation";

/** The invitee, not yet signed in, creates their account from the invitation link. */
export const POST = apiRoute({ auth: "public", params: TokenParams, body: AcceptInvitationInput }, async ({ params, body, request }) =>
  created(await acceptInvitationWithNewAccount(params.token, body, clientAddressOf(request.headers))),
);
