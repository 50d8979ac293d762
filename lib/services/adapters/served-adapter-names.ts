import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { endpointAdapters } from "@/lib/db/schema";

/** The adapters an endpoint's replicas have loaded — read with the endpoint when the gateway's cache refreshes. */
export async function servedAdapterNames(db: DbOrTx, orgId: string, endpointId: string): Promise<string[]> {
  const rows = await db
    .select({ name: endpointAdapters.adapterName })
    .from(endpointAdapters)
    .where(and(eq(endpointAdapters.orgId, orgId), eq(endpointAdapters.endpointId, endpointId), inArray(endpointAdapters.state, ["attached", "detaching"])))
    .orderBy(asc(endpointAdapters.adapterName));
  return rows.map((r) => r.name);
}
