import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import type { Principal } from "@/lib/auth/principal";
import { ScalingEventsQuery, type ScalingEventPage } from "@/lib/domain/scaling-events";
import { orgContext } from "../access/org-context";
import { loadEndpoint } from "./records";

// The autoscaler's decisions about one endpoint, newest first, for the timeline on its page. The
// control plane decides and records them; the console checks the endpoint is the org's (another
// org's is a 404) and reads them through — nothing is written.

export async function listScalingEvents(controlPlane: ControlPlane, principal: Principal, slug: string, endpointId: string, raw: Partial<ScalingEventsQuery> = {}): Promise<ScalingEventPage> {
  const query = ScalingEventsQuery.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  await loadEndpoint(db, orgId, endpointId, { includeDeleted: true });
  return controlPlane.listScalingEvents(endpointId, query.cursor ?? null, query.limit);
}
