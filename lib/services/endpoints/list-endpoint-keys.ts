import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import { and, desc, eq } from "drizzle-orm";
import { endpointKeys } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { EndpointKey } from "@/lib/domain/endpoints";
import { orgContext } from "../access/org-context";
import { toEndpointKey } from "./endpoint-keys";
import { monthToDateByKey } from "./key-usage-records";
import { ZERO_USAGE } from "@/lib/domain/endpoint-key-usage";
import { loadEndpoint } from "./records";

/** Prefixes, last use, month-to-date tokens and budget, never the secret (anyone who may read the endpoint may see these). */
export async function listEndpointKeys(principal: Principal, slug: string, endpointId: string): Promise<Page<EndpointKey>> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  await loadEndpoint(db, orgId, endpointId);
  const rows = await db
    .select()
    .from(endpointKeys)
    .where(and(eq(endpointKeys.orgId, orgId), eq(endpointKeys.endpointId, endpointId)))
    .orderBy(desc(endpointKeys.id))
    .limit(200);
  const usage = await monthToDateByKey(db, orgId, endpointId, rows.map((r) => r.id));
  return wholePage(rows.map((row) => toEndpointKey(row, usage.get(row.id) ?? ZERO_USAGE)));
}
