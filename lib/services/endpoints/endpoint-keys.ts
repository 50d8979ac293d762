import "server-only";
import { endpointKeys } from "@/lib/db/schema";
import { ZERO_USAGE, type KeyUsageTotals } from "@/lib/domain/endpoint-key-usage";
import type { EndpointKey } from "@/lib/domain/endpoints";

export type EndpointKeyRow = typeof endpointKeys.$inferSelect;

export function toEndpointKey(row: EndpointKeyRow, monthToDate: KeyUsageTotals = ZERO_USAGE): EndpointKey {
  return {
    id: row.id,
    endpointId: row.endpointId,
    name: row.name,
    prefix: row.prefix,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    monthlyTokenBudget: row.monthlyTokenBudget,
    monthToDate,
  };
}
