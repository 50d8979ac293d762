import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { endpointOperations, endpoints } from "@/lib/db/schema";
import { yen } from "@/lib/domain/common";
import { endpointBasePath, endpointPricePerHourJpy, type EndpointOperation, type EndpointView } from "@/lib/domain/endpoints";
import { notFound } from "@/lib/domain/errors";

// Rows of the endpoint tables and the domain views the API returns. Children are always loaded
// by (org id, id): another org's endpoint is a 404, indistinguishable from one that never was.

export type EndpointRow = typeof endpoints.$inferSelect;
export type EndpointOperationRow = typeof endpointOperations.$inferSelect;

export const OPEN_OPERATION_STATUSES = ["submitting", "running"];

export async function loadEndpoint(db: DbOrTx, orgId: string, endpointId: string, options: { includeDeleted?: boolean; forUpdate?: boolean } = {}): Promise<EndpointRow> {
  const query = db.select().from(endpoints).where(and(eq(endpoints.orgId, orgId), eq(endpoints.id, endpointId))).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row || (!options.includeDeleted && row.deletedAt)) throw notFound("endpoint");
  return row;
}

export async function latestOperations(db: DbOrTx, orgId: string, endpointIds: string[]): Promise<Map<string, EndpointOperationRow>> {
  if (endpointIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(endpointOperations)
    .where(and(eq(endpointOperations.orgId, orgId), inArray(endpointOperations.endpointId, endpointIds)))
    .orderBy(desc(endpointOperations.id));
  const latest = new Map<string, EndpointOperationRow>();
  for (const row of rows) if (!latest.has(row.endpointId)) latest.set(row.endpointId, row);
  return latest;
}

export function toOperation(row: EndpointOperationRow): EndpointOperation {
  const submitting = row.status === "submitting";
  return {
    id: row.id,
    kind: row.kind as EndpointOperation["kind"],
    target: { kind: "endpoint", id: row.endpointId },
    status: submitting ? "running" : (row.status as EndpointOperation["status"]),
    progress: row.progress,
    steps: submitting ? [{ name: "submitting", status: "running" }] : (row.steps as EndpointOperation["steps"]),
    error: row.error ?? null,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Operations finished more than a minute ago are history, not "what is happening now". */
function currentOperation(row: EndpointOperationRow | undefined, now = Date.now()): EndpointOperation | null {
  if (!row) return null;
  if (row.finishedAt && now - row.finishedAt.getTime() > 60_000) return null;
  return toOperation(row);
}

export function toEndpointView(row: EndpointRow, operation?: EndpointOperationRow): EndpointView {
  return {
    id: row.id,
    name: row.name,
    modelId: row.modelId,
    shapeId: row.shapeId,
    regionId: row.regionId,
    zoneId: row.zoneId,
    minReplicas: row.minReplicas,
    maxReplicas: row.maxReplicas,
    autoscaling: row.autoscaling,
    status: row.status as EndpointView["status"],
    failureReason: row.failureReason,
    replicas: { current: row.replicasCurrent, ready: row.replicasReady },
    coldStartSeconds: row.coldStartSeconds,
    simulated: row.simulated,
    basePath: endpointBasePath(row.id),
    price: {
      perHourAtMin: yen(endpointPricePerHourJpy(row.shapeId, row.minReplicas)),
      perHourAtMax: yen(endpointPricePerHourJpy(row.shapeId, row.maxReplicas)),
      perHourNow: yen(endpointPricePerHourJpy(row.shapeId, row.replicasCurrent)),
    },
    operation: currentOperation(operation),
    lastRequestAt: row.lastRequestAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
