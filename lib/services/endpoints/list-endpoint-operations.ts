import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { operations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { EndpointOperation } from "@/lib/domain/endpoints";
import { notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { loadEndpoint, toEndpointOperation } from "./records";

// An endpoint's operations, newest first (the history on its page), from the one operations table.

const ofEndpoint = (orgId: string, endpointId: string) => and(eq(operations.orgId, orgId), eq(operations.targetKind, "endpoint"), eq(operations.targetId, endpointId));

export async function listEndpointOperations(principal: Principal, slug: string, endpointId: string): Promise<EndpointOperation[]> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  await loadEndpoint(db, orgId, endpointId, { includeDeleted: true });
  const rows = await db.select().from(operations).where(ofEndpoint(orgId, endpointId)).orderBy(desc(operations.id)).limit(100);
  return rows.map(toEndpointOperation);
}

export async function getEndpointOperation(principal: Principal, slug: string, endpointId: string, operationId: string): Promise<EndpointOperation> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  const [row] = await db
    .select()
    .from(operations)
    .where(and(ofEndpoint(orgId, endpointId), eq(operations.id, operationId)))
    .limit(1);
  if (!row) throw notFound("operation");
  return toEndpointOperation(row);
}
