import "server-only";
import { endpointKeys } from "@/lib/db/schema";
import type { EndpointKey } from "@/lib/domain/endpoints";

export type EndpointKeyRow = typeof endpointKeys.$inferSelect;

export function toEndpointKey(row: EndpointKeyRow): EndpointKey {
  return {
    id: row.id,
    endpointId: row.endpointId,
    name: row.name,
    prefix: row.prefix,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
