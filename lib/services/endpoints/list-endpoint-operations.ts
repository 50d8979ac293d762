import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { endpointOperations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { EndpointOperation } from "@/lib/domain/endpoints";
import { notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { loadEndpoint, toOperation } from "./records";

/** An endpoint's operations, newest first (the history on its page). */
export async function listEndpointOperations(principal: Principal, slug: string, endpointId: string): Promise<EndpointOperation[]> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  await loadEndpoint(db, orgId, endpointId, { includeDeleted: true });
  const rows = await db
    .select()
    .from(endpointOperations)
    .where(and(eq(endpointOperations.orgId, orgId), eq(endpointOperations.endpointId, endpointId)))
    .orderBy(desc(endpointOperations.id))
    .limit(100);
  return rows.map(toOperation);
}

export async function getEndpointOperation(principal: Principal, slug: string, endpointId: string, operationId: string): Promise<EndpointOperation> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  const [row] = await db
    .select()
    .from(endpointOperations)
    .where(and(eq(endpointOperations.orgId, orgId), eq(endpointOperations.endpointId, endpointId), eq(endpointOperations.id, operationId)))
    .limit(1);
  if (!row) throw notFound("operation");
  return toOperation(row);
}
