import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { endpoints, operations } from "@/lib/db/schema";
import { yen } from "@/lib/domain/common";
import { autoscalingOf } from "@/lib/domain/control-plane";
import { endpointBasePath, endpointPricePerHourJpy, type EndpointView } from "@/lib/domain/endpoints";
import { notFound } from "@/lib/domain/errors";

// Rows of the endpoint tables and the domain views the API returns. Children are always loaded
// by (org id, id): another org's endpoint is a 404, indistinguishable from one that never was.

export type EndpointRow = typeof endpoints.$inferSelect;
import type { ConsoleOperation } from "@/lib/domain/operations";
import type { OperationRow } from "../operations/adapter";
import { toOperation } from "../operations/to-operation";

export async function loadEndpoint(db: DbOrTx, orgId: string, endpointId: string, options: { includeDeleted?: boolean; forUpdate?: boolean } = {}): Promise<EndpointRow> {
  const query = db.select().from(endpoints).where(and(eq(endpoints.orgId, orgId), eq(endpoints.id, endpointId))).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row || (!options.includeDeleted && row.deletedAt)) throw notFound("endpoint");
  return row;
}

export async function latestOperations(db: DbOrTx, orgId: string, endpointIds: string[]): Promise<Map<string, OperationRow>> {
  if (endpointIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(operations)
    .where(and(eq(operations.orgId, orgId), eq(operations.targetKind, "endpoint"), inArray(operations.targetId, endpointIds)))
    .orderBy(desc(operations.id));
  const latest = new Map<string, OperationRow>();
  for (const row of rows) if (!latest.has(row.targetId)) latest.set(row.targetId, row);
  return latest;
}

/** Operations finished more than a minute ago are history, not "what is happening now". */
function currentOperation(row: OperationRow | undefined, now = Date.now()): ConsoleOperation | null {
  if (!row) return null;
  if (row.finishedAt && now - row.finishedAt.getTime() > 60_000) return null;
  return toOperation(row);
}

/** An endpoint change's answer: the endpoint as it now stands, and the Operation the change recorded (the 202's body). */
export type EndpointChange = EndpointView & { accepted: ConsoleOperation };

export function withAccepted(view: EndpointView, operation: OperationRow): EndpointChange {
  return { ...view, accepted: toOperation(operation) };
}

export function toEndpointView(row: EndpointRow, operation?: OperationRow): EndpointView {
  return {
    id: row.id,
    name: row.name,
    modelId: row.modelId,
    shapeId: row.shapeId,
    regionId: row.regionId,
    zoneId: row.zoneId,
    minReplicas: row.minReplicas,
    maxReplicas: row.maxReplicas,
    autoscaling: autoscalingOf(row.autoscaling),
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
