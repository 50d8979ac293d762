import "server-only";
import { and, eq } from "drizzle-orm";
import { orgIdentityProviders } from "@/lib/db/schema";
import { domainsOfProvider, sealClientSecret } from "@/lib/auth/org-identity-providers";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { UpdateIdentityProviderInput, type IdentityProvider } from "@/lib/domain/sso";
import { recordAudit } from "../audit/record";
import { orgContext } from "../access/org-context";
import { assertIssuerAllowed, bindDomains } from "./identity-provider-rules";
import { toIdentityProvider } from "./identity-provider-view";

/** Changes an org provider (owner only). A secret sent replaces the stored one; none keeps it. */
export async function updateIdentityProvider(principal: Principal, slug: string, id: string, rawInput: UpdateIdentityProviderInput, now = new Date()): Promise<IdentityProvider> {
  const { db, orgId } = await orgContext(principal, slug, "sso.manage");
  const input = UpdateIdentityProviderInput.parse(rawInput);
  if (input.issuer !== undefined) assertIssuerAllowed(input.issuer);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(orgIdentityProviders)
      .where(and(eq(orgIdentityProviders.orgId, orgId), eq(orgIdentityProviders.id, id)))
      .limit(1)
      .for("update");
    if (!before) throw new AppError("not_found", "identity provider not found");
    const domainsBefore = await domainsOfProvider(tx, id);
    const secret = input.clientSecret !== undefined ? sealClientSecret(id, input.clientSecret) : null;
    const [row] = await tx
      .update(orgIdentityProviders)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.issuer !== undefined ? { issuer: input.issuer } : {}),
        ...(input.clientId !== undefined ? { clientId: input.clientId } : {}),
        ...(input.jitRole !== undefined ? { jitRole: input.jitRole } : {}),
        ...(secret ? { clientSecretSealed: secret.sealed, clientSecretKekId: secret.kekId } : {}),
        updatedAt: now,
      })
      .where(eq(orgIdentityProviders.id, id))
      .returning();
    if (input.domains !== undefined) await bindDomains(tx, orgId, id, input.domains);
    const domainsAfter = await domainsOfProvider(tx, id);
    const changes: Record<string, unknown> = {};
    for (const field of ["name", "issuer", "clientId", "jitRole"] as const) {
      if (input[field] !== undefined && input[field] !== before[field]) changes[field] = { from: before[field], to: input[field] };
    }
    if (domainsBefore.join(",") !== domainsAfter.join(",")) changes.domains = { from: domainsBefore, to: domainsAfter };
    await recordAudit(tx, principal, orgId, {
      action: "sso.provider.update",
      targetType: "identity_provider",
      targetId: id,
      data: { changes, secretReplaced: secret !== null },
    });
    return toIdentityProvider(row, domainsAfter);
  });
}
