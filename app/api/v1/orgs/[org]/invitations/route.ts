import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CreateInvitationInput, type Invitation } from "@/lib/domain/orgs";
import { createInvitation } from "@/lib/services/invitations/create-invitation";
import { listInvitations } from "@/lib/services/invitations/list-invitations";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await listInvitations(principal, params.org)));

// The answer carries no link (it goes to the invitee's mailbox only), so nothing is withheld on replay.
export const POST = apiRoute({ params: OrgParams, body: CreateInvitationInput, idempotent: true }, async ({ principal, params, body, idempotency }) => {
  const respond = (invitation: Invitation) => created(invitation, `/api/v1/orgs/${params.org}/invitations/${invitation.id}`);
  return respond(await createInvitation(principal, params.org, body, { outcome: idempotency.recorder(respond) }));
});
