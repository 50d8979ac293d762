import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CreateInvitationInput, type Invitation } from "@/lib/domain/orgs";
import { createInvitation } from "@/lib/services/invitations/create-invitation";
import { listInvitations } from "@/lib/services/invitations/list-invitations";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok({ items: await listInvitations(principal, params.org), nextCursor: null }));

// The accept link carries a secret: an Idempotency-Key replay answers with `acceptUrl: null` (never stored).
export const POST = apiRoute({ params: OrgParams, body: CreateInvitationInput, idempotent: { secretFields: ["acceptUrl"] } }, async ({ principal, params, body, idempotency }) => {
  const respond = (invitation: Invitation) => created(invitation, `/api/v1/orgs/${params.org}/invitations/${invitation.id}`);
  return respond(await createInvitation(principal, params.org, body, { outcome: idempotency.recorder(respond) }));
});
