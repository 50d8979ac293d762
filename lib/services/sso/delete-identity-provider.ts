import "server-only";
import { and, eq } from "drizzle-orm";
import { orgDomains, orgIdentityProviders } from "@/lib/db/schema";
import { domainsOfProvider } from "@/lib/auth/org-identity-providers";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { recordAudit } from "../audit/record";
import { orgContext } from "../access/org-context";

/**
 * Removes an org provider (owner only). Its domains stay verified but are released: their
 * people sign in with a password again. Identities it bound stay recorded, so re-registering
 * the same issuer later finds the same accounts.
 */
export async function deleteIdentityProvider(principal: Principal, slug: string, id: string): Promise<void> {
  const { db, orgId } = await orgContext(principal, slug, "sso.manage");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(orgIdentityProviders)
      .where(and(eq(orgIdentityProviders.orgId, orgId), eq(orgIdentityProviders.id, id)))
      .limit(1)
      .for("update");
    if (!row) throw new AppError("not_found", "identity provider not found");
    const domains = await domainsOfProvider(tx, id);
    await tx.update(orgDomains).set({ identityProviderId: null }).where(eq(orgDomains.identityProviderId, id));
    await tx.delete(orgIdentityProviders).where(eq(orgIdentityProviders.id, id));
    await recordAudit(tx, principal, orgId, { action: "sso.provider.delete", targetType: "identity_provider", targetId: id, data: { name: row.name, issuer: row.issuer, domains } });
  });
}
