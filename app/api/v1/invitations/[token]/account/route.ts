import { apiRoute } from "@/lib/api/route";
import { clientAddressOf } from "@/lib/auth/client-address";
import { created } from "@/lib/api/responses";
import { TokenParams } from "@/lib/api/params";
import { CreateAccountFromInvitationInput } from "@/lib/domain/invitations";
import { createAccountFromInvitation } from "@/lib/services/invitations/create-account-from-invitation";

/** The invitee, not yet signed in, creates their account with the link their mailbox received. */
export const POST = apiRoute({ auth: "public", params: TokenParams, body: CreateAccountFromInvitationInput }, async ({ params, body, request }) =>
  created(await createAccountFromInvitation(params.token, body, clientAddressOf(request.headers))),
);
