import "server-only";
import { orgIdentityProviders } from "@/lib/db/schema";
import { JIT_ROLES, type IdentityProvider } from "@/lib/domain/sso";

// An org provider as the API shows it: everything but the secret, which is write-only.

export function toIdentityProvider(row: typeof orgIdentityProviders.$inferSelect, domains: string[]): IdentityProvider {
  const jitRole = (JIT_ROLES as readonly string[]).includes(row.jitRole ?? "") ? (row.jitRole as IdentityProvider["jitRole"]) : null;
  return {
    id: row.id,
    name: row.name,
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: true,
    domains,
    jitRole,
    redirectPath: `/api/auth/callback/${row.id}`,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
