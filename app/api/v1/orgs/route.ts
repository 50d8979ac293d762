import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { CreateOrgInput } from "@/lib/domain/orgs";
import { createOrg } from "@/lib/services/orgs/create-org";
import { listMyOrgs } from "@/lib/services/orgs/list-my-orgs";

export const GET = apiRoute({}, async ({ principal }) => ok({ items: await listMyOrgs(principal), nextCursor: null }));

export const POST = apiRoute({ body: CreateOrgInput, idempotent: true }, async ({ principal, body }) => {
  const org = await createOrg(principal, body);
  return created(org, `/api/v1/orgs/${org.slug}`);
});
