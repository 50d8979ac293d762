import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { endpointAdapters, endpoints, loraAdapters } from "@/lib/db/schema";
import type { Adapter } from "@/lib/domain/adapters/adapters-api";
import type { LoraModule } from "@/lib/domain/catalog";
import { notFound } from "@/lib/domain/errors";

export type AdapterRow = typeof loraAdapters.$inferSelect;

/** An adapter of this org, or a 404 — another org's adapter is indistinguishable from none. */
export async function loadAdapter(db: DbOrTx, orgId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<AdapterRow> {
  const query = db.select().from(loraAdapters).where(and(eq(loraAdapters.orgId, orgId), eq(loraAdapters.id, id)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("adapter");
  return row;
}

/** Endpoint ids serving each of `adapterIds`. */
export async function attachmentsOf(db: DbOrTx, orgId: string, adapterIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (adapterIds.length === 0) return out;
  const rows = await db
    .select({ adapterId: endpointAdapters.adapterId, endpointId: endpointAdapters.endpointId })
    .from(endpointAdapters)
    .innerJoin(endpoints, and(eq(endpoints.id, endpointAdapters.endpointId), isNull(endpoints.deletedAt)))
    .where(and(eq(endpointAdapters.orgId, orgId), inArray(endpointAdapters.adapterId, adapterIds)))
    .orderBy(endpointAdapters.endpointId);
  for (const r of rows) out.set(r.adapterId, [...(out.get(r.adapterId) ?? []), r.endpointId]);
  return out;
}

export function toAdapter(row: AdapterRow, attachedEndpointIds: string[]): Adapter {
  return {
    id: row.id,
    name: row.name,
    baseModelId: row.baseModelId,
    rank: row.rank,
    description: row.description,
    status: row.status as Adapter["status"],
    weights:
      row.status === "ready" && row.weightsUploadedAt
        ? {
            bytes: row.bytes ?? 0,
            sha256: row.sha256 ?? "",
            tensorCount: row.tensorCount ?? 0,
            layerCount: row.layerCount ?? 0,
            targetModules: (row.targetModules ?? []) as LoraModule[],
            uploadedAt: row.weightsUploadedAt.toISOString(),
          }
        : null,
    attachedEndpointIds,
    createdAt: row.createdAt.toISOString(),
  };
}
