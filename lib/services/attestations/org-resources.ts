import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import type { ResourceStatus } from "@/lib/domain/control-plane";
import { AppError, isAppError } from "@/lib/domain/errors";

// An org's clusters and endpoints as the control plane knows them (tenant id = org id). The
// attestation loop, the nonce request and the residency policy all need the same view.

export interface OrgResource {
  id: string;
  kind: "cluster" | "endpoint";
  name: string;
  regionId: string;
  zoneId: string;
  status: ResourceStatus;
}

/** Statuses in which a resource holds hardware whose evidence can be signed. */
export const ATTESTABLE_STATUSES: readonly ResourceStatus[] = ["running", "updating"];
/** Statuses of a resource that exists (or is about to) and would be stranded by a policy change. */
export const LIVE_STATUSES: readonly ResourceStatus[] = ["provisioning", "running", "updating"];

export async function orgResources(controlPlane: ControlPlane, orgId: string): Promise<OrgResource[]> {
  const [clusters, endpoints] = await Promise.all([controlPlane.listClusters(orgId), controlPlane.listEndpoints(orgId)]);
  return [
    ...clusters.map((c) => ({ id: c.id, kind: "cluster" as const, name: c.name, regionId: c.regionId, zoneId: c.zoneId, status: c.status })),
    ...endpoints.map((e) => ({ id: e.id, kind: "endpoint" as const, name: e.name, regionId: e.regionId, zoneId: e.zoneId, status: e.status })),
  ];
}

async function orNotFound<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return undefined;
    throw error;
  }
}

/**
 * One resource of this org, or a 404 — also when it exists but belongs to another tenant, so
 * that a caller cannot learn another org's resource ids (or their states) by probing.
 */
export async function orgResource(controlPlane: ControlPlane, orgId: string, resourceId: string): Promise<OrgResource> {
  const cluster = await orNotFound(controlPlane.getCluster(resourceId));
  if (cluster) {
    if (cluster.tenantId !== orgId) throw new AppError("not_found", "resource not found");
    return { id: cluster.id, kind: "cluster", name: cluster.name, regionId: cluster.regionId, zoneId: cluster.zoneId, status: cluster.status };
  }
  const endpoint = await orNotFound(controlPlane.getEndpoint(resourceId));
  if (!endpoint || endpoint.tenantId !== orgId) throw new AppError("not_found", "resource not found");
  return { id: endpoint.id, kind: "endpoint", name: endpoint.name, regionId: endpoint.regionId, zoneId: endpoint.zoneId, status: endpoint.status };
}

/** Names by resource id for display; empty when the control plane cannot answer (names are a nicety). */
export async function resourceNames(controlPlane: ControlPlane, orgId: string): Promise<Map<string, string>> {
  try {
    return new Map((await orgResources(controlPlane, orgId)).map((r) => [r.id, r.name]));
  } catch (error) {
    console.warn("[attestations] resource names unavailable:", error instanceof Error ? error.message : error);
    return new Map();
  }
}
