import "server-only";
import { count, eq } from "drizzle-orm";
import { orgIdentityProviders } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { sealClientSecret } from "@/lib/auth/org-identity-providers";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { CreateIdentityProviderInput, type IdentityProvider } from "@/lib/domain/sso";
import { recordAudit } from "../audit/record";
import { orgContext } from "../access/org-context";
import { assertIssuerAllowed, bindDomains } from "./identity-provider-rules";
import { toIdentityProvider } from "./identity-provider-view";

const MAX_PROVIDERS_PER_ORG = 10;

/**
 * The org's owner registers the org's own OpenID Connect provider for some of its verified
 * domains. From then on, people of those domains sign in through it only. The client secret is
 * sealed under the KEK and never shown back. A default role for just-in-time accounts is
 * explicit and audited; without one, people join only by accepting an invitation.
 */
export async function createIdentityProvider(principal: Principal, slug: string, rawInput: CreateIdentityProviderInput, now = new Date()): Promise<IdentityProvider> {
  const { db, orgId } = await orgContext(principal, slug, "sso.manage");
  const input = CreateIdentityProviderInput.parse(rawInput);
  assertIssuerAllowed(input.issuer);
  return db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(orgIdentityProviders).where(eq(orgIdentityProviders.orgId, orgId));
    if (n >= MAX_PROVIDERS_PER_ORG) throw new AppError("business_rule", `an organization has at most ${MAX_PROVIDERS_PER_ORG} identity providers`);
    const id = newId("identityProvider", now.getTime());
    const secret = sealClientSecret(id, input.clientSecret);
    const [row] = await tx
      .insert(orgIdentityProviders)
      .values({
        id,
        orgId,
        name: input.name,
        issuer: input.issuer,
        clientId: input.clientId,
        clientSecretSealed: secret.sealed,
        clientSecretKekId: secret.kekId,
        jitRole: input.jitRole,
        createdBy: principal.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await bindDomains(tx, orgId, id, input.domains);
    await recordAudit(tx, principal, orgId, {
      action: "sso.provider.create",
      targetType: "identity_provider",
      targetId: id,
      data: { name: input.name, issuer: input.issuer, clientId: input.clientId, domains: input.domains, jitRole: input.jitRole },
    });
    return toIdentityProvider(row, [...input.domains].sort());
  });
}
