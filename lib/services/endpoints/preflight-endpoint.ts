import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { endpoints, gpuReservations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { findModel, findShape, findZone, HOURS_PER_MONTH, REGIONS } from "@/lib/domain/catalog";
import { yen } from "@/lib/domain/common";
import {
  EndpointName,
  EndpointPreflightInput,
  endpointGpus,
  endpointPricePerHourJpy,
  shapeFitsOf,
  type EndpointPreflight,
  type PreflightProblem,
} from "@/lib/domain/endpoints";
import { AppError, isAppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { contractPriceFor } from "../contracts/effective-prices";
import { quotaLimitFor } from "../quotas/quota-usage";
import { allowedRegions } from "../residency/residency-policy";

// "Say no before submit": everything that would make an endpoint order fail — the model does
// not fit the shape, the zone is outside the residency policy, the quota or the zone's capacity
// is short — with the price at the minimum and at the maximum, and the expected cold start.
// The create service runs the same checks and refuses with the same reasons.

export async function evaluateEndpointOrder(
  db: DbOrTx,
  cp: ControlPlane,
  orgId: string,
  input: EndpointPreflightInput,
  options: { exceptEndpointId?: string; checkCapacity?: boolean } = {},
): Promise<EndpointPreflight> {
  const problems: PreflightProblem[] = [];
  const model = input.modelId ? findModel(input.modelId) : undefined;
  if (input.modelId && !model) problems.push({ field: "modelId", code: "model_unknown" });
  const shapes = model ? shapeFitsOf(model) : [];
  const shape = input.shapeId ? findShape(input.shapeId) : undefined;
  if (model && input.shapeId && !model.shapeIds.includes(input.shapeId)) {
    problems.push({ field: "shapeId", code: "shape_unfit", details: { modelId: model.id, fits: model.shapeIds, minGpuMemoryGb: model.minGpuMemoryGb } });
  }
  const allowed = await allowedRegions(db, orgId);
  const allowedZoneIds = REGIONS.filter((r) => allowed.includes(r.id)).flatMap((r) => r.zones.map((z) => z.id));
  const zone = input.zoneId ? findZone(input.zoneId) : undefined;
  if (input.zoneId && !zone) problems.push({ field: "zoneId", code: "zone_unknown" });
  if (zone && !allowed.includes(zone.regionId)) problems.push({ field: "zoneId", code: "residency_violation", details: { regionId: zone.regionId, allowedRegions: allowed } });

  const min = input.minReplicas;
  const max = input.maxReplicas;
  if (min !== undefined && max !== undefined && min > max) problems.push({ field: "minReplicas", code: "replicas_invalid" });

  if (input.name !== undefined && input.name !== "") {
    if (!EndpointName.safeParse(input.name).success) problems.push({ field: "name", code: "name_invalid" });
    else {
      const [taken] = await db
        .select({ id: endpoints.id })
        .from(endpoints)
        .where(and(eq(endpoints.orgId, orgId), eq(endpoints.name, input.name.trim()), isNull(endpoints.deletedAt)))
        .limit(1);
      if (taken && taken.id !== options.exceptEndpointId) problems.push({ field: "name", code: "name_taken" });
    }
  }

  let quota: EndpointPreflight["quota"] = null;
  let maxReplicasWithinQuota: number | null = null;
  if (zone && shape?.gpuModel && min !== undefined) {
    const limit = await quotaLimitFor(db, orgId, zone.regionId, shape.gpuModel);
    const held = await db
      .select({ resourceId: gpuReservations.resourceId, gpus: gpuReservations.gpus })
      .from(gpuReservations)
      .where(and(eq(gpuReservations.orgId, orgId), eq(gpuReservations.regionId, zone.regionId), eq(gpuReservations.gpuModel, shape.gpuModel)));
    const inUse = held.filter((h) => h.resourceId !== options.exceptEndpointId).reduce((n, h) => n + h.gpus, 0);
    const requestedAtMin = endpointGpus(shape.id, min);
    const requestedAtMax = endpointGpus(shape.id, max ?? min);
    quota = { regionId: zone.regionId, gpuModel: shape.gpuModel, limit, inUse, requestedAtMin, requestedAtMax };
    if (inUse + requestedAtMin > limit) problems.push({ field: "minReplicas", code: "quota_exceeded", details: { ...quota } });
    maxReplicasWithinQuota = Math.max(0, Math.floor((limit - inUse) / shape.gpuCount));
  }

  let capacity: EndpointPreflight["capacity"] = null;
  if (zone && shape && options.checkCapacity !== false) {
    try {
      const all = await cp.getCapacity({ shapeId: shape.id });
      const here = all.find((c) => c.zoneId === zone.id);
      capacity = {
        available: here?.available ?? 0,
        level: here?.level ?? "sold_out",
        availableIn: all.filter((c) => c.zoneId !== zone.id && c.available > 0 && allowedZoneIds.includes(c.zoneId)).map((c) => ({ zoneId: c.zoneId, available: c.available })),
      };
      // A scale-to-zero endpoint needs one replica's room at its first request.
      const needed = Math.max(min ?? 0, 1);
      if (capacity.available < needed) problems.push({ field: "zoneId", code: "capacity_unavailable", details: { requested: needed, ...capacity } });
    } catch (error) {
      if (!(isAppError(error) && error.code === "control_plane_unavailable")) throw error;
    }
  }

  const contract = shape && min !== undefined ? await contractPriceFor(db, orgId, shape.id) : null;
  const price =
    shape && min !== undefined
      ? {
          perHourAtMin: yen(endpointPricePerHourJpy(shape.id, min)),
          perHourAtMax: yen(endpointPricePerHourJpy(shape.id, max ?? min)),
          perMonthAtMin: yen(endpointPricePerHourJpy(shape.id, min) * HOURS_PER_MONTH),
          perMonthAtMax: yen(endpointPricePerHourJpy(shape.id, max ?? min) * HOURS_PER_MONTH),
          // "Their prices everywhere prices appear": the contract's, per replica times replicas.
          contract:
            contract && contract.discountPercent > 0
              ? {
                  discountPercent: contract.discountPercent,
                  perHourAtMinJpy: contract.pricePerHourJpy * min,
                  perHourAtMaxJpy: contract.pricePerHourJpy * (max ?? min),
                  perMonthAtMinJpy: contract.pricePerMonthJpy * min,
                  perMonthAtMaxJpy: contract.pricePerMonthJpy * (max ?? min),
                }
              : null,
        }
      : null;

  return {
    shapes,
    allowedZoneIds,
    quota,
    capacity,
    price,
    coldStartSeconds: model ? model.coldStartSeconds : null,
    problems,
    maxReplicasWithinQuota,
  };
}

/** The create service's refusal for the first problem, in the API's error codes. */
export function refusalFor(problem: PreflightProblem): AppError {
  const details = { field: problem.field, reason: problem.code, ...problem.details };
  switch (problem.code) {
    case "residency_violation":
      return new AppError("residency_violation", "the zone is outside the residency policy", details);
    case "quota_exceeded":
      return new AppError("quota_exceeded", "the GPU quota would be exceeded", details);
    case "capacity_unavailable":
      return new AppError("capacity_unavailable", "not enough capacity in this zone", details);
    case "name_taken":
      return new AppError("already_exists", "an endpoint with this name exists", details);
    case "shape_unfit":
      return new AppError("business_rule", "the model does not fit this shape", details);
    default:
      return new AppError("validation_failed", problem.code, details);
  }
}

export async function preflightEndpoint(cp: ControlPlane, principal: Principal, slug: string, raw: EndpointPreflightInput): Promise<EndpointPreflight> {
  const input = EndpointPreflightInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  return evaluateEndpointOrder(db, cp, orgId, input);
}
