import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { CreateOrgInput, type Org } from "@/lib/domain/orgs";
import { createOrg } from "@/lib/services/orgs/create-org";
import { listMyOrgs } from "@/lib/services/orgs/list-my-orgs";

export const GET = apiRoute({}, async ({ principal }) => ok(await listMyOrgs(principal)));

export const POST = apiRoute({ body: CreateOrgInput, idempotent: true }, async ({ principal, body, idempotency }) => {
  const respond = (org: Org) => created(org, `/api/v1/orgs/${org.slug}`);
  return respond(await createOrg(principal, body, { outcome: idempotency.recorder(respond) }));
});
