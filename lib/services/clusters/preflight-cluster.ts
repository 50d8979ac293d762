import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { clusters } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { loadContracts } from "@/lib/billing/contracts";
import type { ControlPlane } from "@/lib/control-plane";
import { contractOn, discountBps, jstDateOf } from "@/lib/domain/billing";
import { CONTROL_PLANE_PRICE_JPY, findShape, findZone, HOURS_PER_MONTH, KUBERNETES_VERSIONS } from "@/lib/domain/catalog";
import { CLUSTER_NAME_PATTERN, ClusterPreflightInput, NodePoolInput, type ClusterPreflight, type ClusterQuote, type PreflightIssue, type PriceLine } from "@/lib/domain/clusters";
import { orgContext } from "../access/org-context";
import { allowedRegions } from "../residency/residency-policy";
import { approvalPolicyFor } from "../approvals/approval-check";
import { quotaGpusByModel } from "./cluster-records";
import { checkCapacity, checkQuota, zonesOfRegions, type PoolDemand } from "./launch-checks";

// The launch wizard's live check, called as the form changes: price (list, and contract when a
// contract is in force), capacity per pool in the chosen zone (and where else it would fit),
// quota headroom per GPU model, and every problem with the field it concerns — so what cannot
// succeed is said before anything is submitted. Read-only: nothing is reserved.

export async function preflightCluster(cp: ControlPlane, principal: Principal, slug: string, rawInput: unknown): Promise<ClusterPreflight> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.read");
  const input = ClusterPreflightInput.parse(rawInput ?? {});
  const issues: PreflightIssue[] = [];
  const allowed = await allowedRegions(db, orgId);
  const allowedZoneIds = zonesOfRegions(allowed);

  if (!input.clusterId) {
    if (!input.name) issues.push({ field: "name", code: "required", message: "a name is required" });
    else if (!CLUSTER_NAME_PATTERN.test(input.name)) issues.push({ field: "name", code: "invalid_name", message: "lowercase letters, digits and '-', 1–40 characters, starting with a letter" });
    else {
      const [taken] = await db.select({ id: clusters.id }).from(clusters).where(and(eq(clusters.orgId, orgId), eq(clusters.name, input.name), ne(clusters.status, "deleted"))).limit(1);
      if (taken) issues.push({ field: "name", code: "already_exists", message: `a cluster named ${input.name} already exists` });
    }
  }
  const zone = input.zoneId ? findZone(input.zoneId) : undefined;
  if (!input.zoneId) issues.push({ field: "zoneId", code: "required", message: "choose a zone" });
  else if (!zone) issues.push({ field: "zoneId", code: "unknown_zone", message: "unknown zone" });
  else if (!allowed.includes(zone.regionId)) {
    issues.push({ field: "zoneId", code: "residency_violation", message: `region ${zone.regionId} is outside the residency policy`, details: { regionId: zone.regionId, allowedRegions: allowed } });
  }
  if (!input.clusterId && !(KUBERNETES_VERSIONS as readonly string[]).includes(input.kubernetesVersion ?? "")) {
    issues.push({ field: "kubernetesVersion", code: "required", message: `choose one of ${KUBERNETES_VERSIONS.join(", ")}` });
  }
  if (input.nodePools.length === 0) issues.push({ field: "nodePools", code: "required", message: "add at least one node pool" });

  const names = new Set<string>();
  input.nodePools.forEach((pool, i) => {
    const parsed = NodePoolInput.safeParse({ ...pool, name: pool.name ?? "", shapeId: pool.shapeId ?? "", autoscaling: pool.autoscaling ?? null, topology: pool.topology ?? null });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = `nodePools.${i}.${issue.path.join(".") || "name"}`;
        if (!issues.some((x) => x.field === field)) issues.push({ field, code: "invalid", message: issue.message });
      }
    }
    if (pool.name && names.has(pool.name)) issues.push({ field: `nodePools.${i}.name`, code: "duplicate", message: "duplicate pool name" });
    if (pool.name) names.add(pool.name);
  });

  const pricedPools = input.nodePools.map((p, index) => ({ ...p, index, shape: p.shapeId ? findShape(p.shapeId) : undefined })).filter((p) => p.shape);
  const quote = await priceQuote(db, orgId, input.controlPlane, pricedPools.map((p) => ({ label: p.name || `#${p.index + 1}`, shapeId: p.shape!.id, count: p.count })));

  const demands: PoolDemand[] = pricedPools.map((p) => ({ index: p.index, field: `nodePools.${p.index}.count`, shapeId: p.shape!.id, additional: p.count, topology: p.topology ?? null, reservationId: p.reservationId || null }));
  let pools: ClusterPreflight["pools"] = [];
  let capacityKnown = false;
  if (zone) {
    const capacity = await checkCapacity(cp, db, orgId, zone.id, demands);
    pools = capacity.pools;
    capacityKnown = capacity.known;
    for (const check of pools.filter((c) => c.fits === false)) {
      issues.push({
        field: `nodePools.${check.index}.count`,
        code: "capacity_unavailable",
        message: `not enough ${check.shapeId} capacity in ${zone.id}`,
        details: { shapeId: check.shapeId, zoneId: zone.id, requested: check.requested, available: check.available, availableIn: check.availableIn },
      });
    }
  }

  let quota: ClusterPreflight["quota"] = [];
  if (zone) {
    const byModel = quotaGpusByModel(pricedPools.map((p) => ({ shapeId: p.shape!.id, count: p.count, reservationId: p.reservationId || null })));
    quota = await checkQuota(db, orgId, zone.regionId, byModel, input.clusterId);
    for (const line of quota.filter((q) => !q.fits)) {
      const index = pricedPools.find((p) => !p.reservationId && p.shape!.gpuModel === line.gpuModel)!.index;
      issues.push({ field: `nodePools.${index}.count`, code: "quota_exceeded", message: `quota exceeded for ${line.gpuModel} in ${line.regionId}`, details: { ...line } });
    }
  }

  const monthlyJpy = quote.contractPerMonth ?? quote.listPerMonth;
  const policy = pricedPools.length > 0 ? await approvalPolicyFor(db, orgId, "cluster.create", monthlyJpy) : null;
  const approval = policy && !input.clusterId ? { policyId: policy.id, policyName: policy.name, stages: policy.stages.map((s) => s.name), expiresAfterDays: policy.expiresAfterDays, monthlyJpy } : null;
  return { ok: issues.length === 0, issues, quote, pools, quota, allowedZoneIds, capacityKnown, approval };
}

export async function priceQuote(db: Parameters<typeof loadContracts>[0], orgId: string, controlPlane: "single" | "ha", pools: { label: string; shapeId: string; count: number }[], now = new Date()): Promise<ClusterQuote> {
  const contract = contractOn(await loadContracts(db, orgId), jstDateOf(now));
  const withContract = (amount: number, gpuModel: Parameters<typeof discountBps>[1]) => (contract ? (amount * (10_000 - discountBps(contract, gpuModel))) / 10_000 : null);
  const cpPrice = CONTROL_PLANE_PRICE_JPY[controlPlane];
  const lines: PriceLine[] = [
    { kind: "control_plane", label: controlPlane, shapeId: null, count: 1, unitPerHour: cpPrice, listPerHour: cpPrice, listPerMonth: cpPrice * HOURS_PER_MONTH, contractPerHour: withContract(cpPrice, null) },
    ...pools.map((p): PriceLine => {
      const shape = findShape(p.shapeId)!;
      const perHour = shape.pricePerHourJpy * p.count;
      return { kind: "node_pool", label: p.label, shapeId: shape.id, count: p.count, unitPerHour: shape.pricePerHourJpy, listPerHour: perHour, listPerMonth: perHour * HOURS_PER_MONTH, contractPerHour: withContract(perHour, shape.gpuModel) };
    }),
  ];
  const listPerHour = lines.reduce((s, l) => s + l.listPerHour, 0);
  const contractPerHour = contract ? lines.reduce((s, l) => s + (l.contractPerHour ?? 0), 0) : null;
  return {
    currency: "JPY",
    hoursPerMonth: HOURS_PER_MONTH,
    listPerHour,
    listPerMonth: listPerHour * HOURS_PER_MONTH,
    contractPerHour: contractPerHour === null ? null : Math.round(contractPerHour * 100) / 100,
    contractPerMonth: contractPerHour === null ? null : Math.floor(contractPerHour * HOURS_PER_MONTH),
    discountPercent: contract ? contract.discountPercent : null,
    lines,
  };
}
