import "server-only";
import { getControlPlane } from "@/lib/control-plane";
import type { Principal } from "@/lib/auth/principal";
import type { AttestableResource } from "@/lib/domain/attestation-api";
import { orgContext } from "../access/org-context";
import { ATTESTABLE_STATUSES, orgResources } from "./org-resources";

/** The org's running clusters and endpoints: what a fresh statement can be requested for. */
export async function listAttestableResources(principal: Principal, slug: string): Promise<AttestableResource[]> {
  const { orgId } = await orgContext(principal, slug, "attestations.read");
  const resources = await orgResources(await getControlPlane(), orgId);
  return resources
    .filter((r) => ATTESTABLE_STATUSES.includes(r.status))
    .map((r) => ({ id: r.id, kind: r.kind, name: r.name, regionId: r.regionId, zoneId: r.zoneId }));
}
