import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { endpointAdapters } from "@/lib/db/schema";
import { maxAdaptersOf } from "@/lib/domain/adapters/adapter-capacity";
import type { EndpointAdapterList, EndpointAdapterState } from "@/lib/domain/adapters/endpoint-adapters-api";
import { orgContext } from "../access/org-context";
import { loadEndpoint } from "../endpoints/records";

/** The adapters an endpoint serves or is loading/unloading, by name, with its shape's bound. */
export async function listEndpointAdapters(principal: Principal, slug: string, endpointId: string): Promise<EndpointAdapterList> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  const endpoint = await loadEndpoint(db, orgId, endpointId);
  const rows = await db
    .select()
    .from(endpointAdapters)
    .where(and(eq(endpointAdapters.orgId, orgId), eq(endpointAdapters.endpointId, endpoint.id)))
    .orderBy(asc(endpointAdapters.adapterName));
  return {
    items: rows.map((r) => ({ adapterId: r.adapterId, name: r.adapterName, model: `${endpoint.modelId}:${r.adapterName}`, state: r.state as EndpointAdapterState, attachedAt: r.attachedAt.toISOString() })),
    nextCursor: null,
    maxAdapters: maxAdaptersOf(endpoint.shapeId),
  };
}
