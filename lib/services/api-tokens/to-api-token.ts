import type { apiTokens } from "@/lib/db/schema";
import type { ApiToken } from "@/lib/domain/api-tokens";
import type { OrgRole } from "@/lib/domain/permissions";

export function toApiToken(row: typeof apiTokens.$inferSelect): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as OrgRole,
    prefix: row.prefix,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    parentTokenId: row.parentTokenId,
  };
}
