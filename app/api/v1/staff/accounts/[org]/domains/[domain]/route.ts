import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { noContent } from "@/lib/api/responses";
import { SlugParam } from "@/lib/api/params";
import { removeOrgDomain } from "@/lib/services/sso/remove-org-domain";

const Params = z.object({ org: SlugParam, domain: z.string().min(1).max(253) });

export const DELETE = apiRoute({ params: Params }, async ({ principal, params }) => {
  await removeOrgDomain(principal, params.org, params.domain);
  return noContent();
});
