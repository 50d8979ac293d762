import "server-only";
import { getControlPlane } from "@/lib/control-plane";

// A budget's soft action at 100 %: each of the org's live endpoints may keep no more replicas than
// its minimum (at least one, so an endpoint that scales to zero still answers). Nothing is deleted
// and nothing below the minimum is touched; raising the maximum again undoes it. The idempotency
// key names the budget and month, so a retry never sends a second change.

const LIVE = new Set(["provisioning", "running", "updating"]);

export async function scaleEndpointsToMinimum(orgId: string, reason: string): Promise<string[]> {
  const controlPlane = await getControlPlane();
  const endpoints = await controlPlane.listEndpoints(orgId);
  const scaled: string[] = [];
  for (const endpoint of endpoints) {
    if (endpoint.tenantId !== orgId || !LIVE.has(endpoint.status)) continue;
    const ceiling = Math.max(1, endpoint.minReplicas);
    if (endpoint.maxReplicas <= ceiling) continue;
    await controlPlane.updateEndpoint(endpoint.id, { maxReplicas: ceiling }, `budget-soft-action:${reason}:${endpoint.id}`);
    scaled.push(endpoint.id);
  }
  return scaled;
}
