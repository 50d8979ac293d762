import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { findShape } from "@/lib/domain/catalog";
import type { Overview, OverviewResource, ResidencyLine } from "@/lib/domain/overview";
import { orgContext } from "../access/org-context";
import { listAttestations } from "../attestations/list-attestations";
import { listAuditEvents } from "../audit/list-audit-events";
import { getMonthToDate } from "../billing/get-month-to-date";
import { listClusters } from "../clusters/list-clusters";
import { listOperations } from "../operations/list-operations";
import { probeControlPlane } from "../control-plane-status/probe-control-plane";
import { listEndpoints } from "../endpoints/list-endpoints";
import { listQuotaRequests } from "../quota-requests/list-quota-requests";
import { quotaLines } from "../quotas/quota-usage";

// The cockpit, fetched in parallel. Each part is asked only when the viewer's role may see it,
// and a part that fails (say, the control plane is down) leaves the rest of the page standing.

const IN_PROGRESS = new Set(["queued", "provisioning", "updating", "deleting"]);
const RANK: Record<string, number> = { failed: 0, queued: 1, provisioning: 1, updating: 1, deleting: 1, running: 2 };

async function settle<T>(work: Promise<T>, fallback: T): Promise<T> {
  try {
    return await work;
  } catch (error) {
    console.warn("[overview] a tile failed:", error instanceof Error ? error.message : error);
    return fallback;
  }
}

function counts(statuses: string[]) {
  return {
    running: statuses.filter((s) => s === "running").length,
    inProgress: statuses.filter((s) => IN_PROGRESS.has(s)).length,
    failed: statuses.filter((s) => s === "failed").length,
  };
}

export async function getOverview(principal: Principal, slug: string, now: Date = new Date()): Promise<Overview> {
  const { db, orgId, access } = await orgContext(principal, slug, "org.read");
  const can = (p: (typeof access.permissions)[number]) => access.permissions.includes(p);

  const [clusters, endpoints, gpus, spend, attestations, quotaRequests, operations, audit, controlPlane] = await Promise.all([
    can("clusters.read") ? settle(listClusters(principal, slug, { limit: 200, status: "active" }).then((p) => p.items), []) : [],
    can("endpoints.read") ? settle(listEndpoints(principal, slug, { limit: 200 }).then((p) => p.items.filter((e) => e.status !== "deleted")), []) : [],
    can("quotas.read") ? settle(quotaLines(db, orgId), []) : [],
    can("billing.read") ? settle(getMonthToDate(principal, slug, now).then((m) => ({ month: m.month, monthToDateJpy: m.monthToDateJpy, forecastJpy: m.forecastJpy, budgets: m.budgets })), null) : null,
    can("attestations.read") ? settle(listAttestations(principal, slug, {}, { limit: 200 }).then((p) => p.items), null) : null,
    can("quotas.read") ? settle(listQuotaRequests(principal, slug, { status: "pending" }, { limit: 5 }).then((p) => p.items), null) : null,
    settle(listOperations(principal, slug, { limit: 6 }).then((p) => p.items), []),
    can("audit.read") ? settle(listAuditEvents(principal, slug, {}, { limit: 6 }).then((p) => p.items), null) : null,
    probeControlPlane(),
  ]);

  const items: OverviewResource[] = [
    ...clusters.map((c) => ({
      id: c.id,
      kind: "cluster" as const,
      name: c.name,
      status: c.status,
      regionId: c.regionId,
      zoneId: c.zoneId,
      gpus: c.gpuCount,
      operation: c.activeOperation ? { id: c.activeOperation.id, progress: c.activeOperation.progress, currentStep: c.activeOperation.currentStep, status: c.activeOperation.status } : null,
      failureReason: c.failureReason,
    })),
    ...endpoints.map((e) => ({
      id: e.id,
      kind: "endpoint" as const,
      name: e.name,
      status: e.status,
      regionId: e.regionId,
      zoneId: e.zoneId,
      gpus: e.replicas.current * (findShape(e.shapeId)?.gpuCount ?? 0),
      operation: e.operation ? { id: e.operation.id, progress: e.operation.progress, currentStep: e.operation.steps.find((st) => st.status === "running" || st.status === "failed")?.name ?? null, status: e.operation.status } : null,
      failureReason: e.failureReason,
    })),
  ].sort((a, b) => (RANK[a.status] ?? 3) - (RANK[b.status] ?? 3));

  let residency: ResidencyLine[] | null = null;
  if (attestations) {
    const newest = new Map<string, (typeof attestations)[number]>();
    for (const a of attestations) if (!newest.has(a.resourceId)) newest.set(a.resourceId, a); // list is newest first
    residency = items
      .filter((r) => r.status === "running" || r.status === "updating")
      .map((r) => {
        const a = newest.get(r.id);
        const expired = a ? new Date(a.expiresAt) <= now : false;
        return {
          resourceId: r.id,
          resourceKind: r.kind,
          name: r.name,
          status: !a ? "pending" : expired ? "expired" : a.status,
          attestationId: a?.id ?? null,
          facilityId: a?.facility.id ?? null,
          issuedAt: a?.issuedAt ?? null,
        };
      });
  }

  return {
    generatedAt: now.toISOString(),
    resources: { clusters: counts(clusters.map((c) => c.status)), endpoints: counts(endpoints.map((e) => e.status)), items: items.slice(0, 8) },
    gpus: gpus.filter((g) => g.inUse > 0),
    spend,
    residency,
    quotaRequests,
    operations,
    audit: audit ? audit.map((e) => ({ id: e.id, action: e.action, actorName: e.actor.name, createdAt: e.createdAt })) : null,
    // Up or down for the customer; the probe's text (implementation, hosts, errors) is for staff.
    controlPlane: { status: controlPlane.status === "ok" ? "ok" : "down", ...(access.via === "staff" && controlPlane.detail ? { detail: controlPlane.detail } : {}) },
  };
}
