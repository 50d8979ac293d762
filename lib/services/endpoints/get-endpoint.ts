import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { EndpointView } from "@/lib/domain/endpoints";
import { orgContext } from "../access/org-context";
import { latestOperations, loadEndpoint, toEndpointView } from "./records";

export async function getEndpoint(principal: Principal, slug: string, endpointId: string): Promise<EndpointView> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  const row = await loadEndpoint(db, orgId, endpointId);
  const ops = await latestOperations(db, orgId, [row.id]);
  return toEndpointView(row, ops.get(row.id));
}
