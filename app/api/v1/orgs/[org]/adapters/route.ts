import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { AdapterListQuery, CreateAdapterInput } from "@/lib/domain/adapters/adapters-api";
import { createAdapter } from "@/lib/services/adapters/create-adapter";
import { listAdapters } from "@/lib/services/adapters/list-adapters";

export const GET = apiRoute({ params: OrgParams, query: AdapterListQuery }, async ({ principal, params, query }) => ok(await listAdapters(principal, params.org, query)));

export const POST = apiRoute({ params: OrgParams, body: CreateAdapterInput, idempotent: true }, async ({ principal, params, body }) => {
  const adapter = await createAdapter(principal, params.org, body);
  return created(adapter, `/api/v1/orgs/${params.org}/adapters/${adapter.id}`);
});
