// Staff routes read the body as-is and let the service validate it after the staff check, so a
// customer gets the same 404 whatever they send.
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import type { VerifyOrgDomainInput } from "@/lib/domain/sso";
import { listOrgDomains } from "@/lib/services/sso/list-org-domains";
import { verifyOrgDomain } from "@/lib/services/sso/verify-org-domain";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await listOrgDomains(principal, params.org)));

export const POST = apiRoute({ params: OrgParams, body: z.unknown(), idempotent: true }, async ({ principal, params, body }) =>
  created(await verifyOrgDomain(principal, params.org, body as VerifyOrgDomainInput)),
);
