import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { endpointKeys } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { EndpointKey } from "@/lib/domain/endpoints";
import { orgContext } from "../access/org-context";
import { toEndpointKey } from "./endpoint-keys";
import { loadEndpoint } from "./records";

/** Prefixes and last use, never the secret (anyone who may read the endpoint may see these). */
export async function listEndpointKeys(principal: Principal, slug: string, endpointId: string): Promise<EndpointKey[]> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  await loadEndpoint(db, orgId, endpointId);
  const rows = await db
    .select()
    .from(endpointKeys)
    .where(and(eq(endpointKeys.orgId, orgId), eq(endpointKeys.endpointId, endpointId)))
    .orderBy(desc(endpointKeys.id))
    .limit(200);
  return rows.map(toEndpointKey);
}
