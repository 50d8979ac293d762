import "server-only";
import { and, eq, inArray, isNull, notInArray, or } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { orgDomains } from "@/lib/db/schema";
import { issuerAllowed } from "@/lib/auth/org-identity-providers";
import { AppError } from "@/lib/domain/errors";

// What every write of an org provider checks: a TLS issuer, and domains that the org's account
// manager verified for this org and that no other of the org's providers serves.

export function assertIssuerAllowed(issuer: string): void {
  if (!issuerAllowed(issuer)) throw new AppError("business_rule", "the issuer must be an https URL", { field: "issuer", reason: "insecure_issuer" });
}

/** Points exactly `domains` of the org at the provider (others it served are released). */
export async function bindDomains(tx: DbOrTx, orgId: string, idpId: string, domains: string[]): Promise<void> {
  const verified = await tx.select().from(orgDomains).where(and(eq(orgDomains.orgId, orgId), inArray(orgDomains.domain, domains)));
  const missing = domains.filter((d) => !verified.some((row) => row.domain === d));
  if (missing.length > 0) {
    throw new AppError("business_rule", `not verified for this organization: ${missing.join(", ")}`, { field: "domains", reason: "domain_not_verified", domains: missing });
  }
  const taken = verified.filter((row) => row.identityProviderId !== null && row.identityProviderId !== idpId).map((row) => row.domain);
  if (taken.length > 0) {
    throw new AppError("business_rule", `already served by another identity provider: ${taken.join(", ")}`, { field: "domains", reason: "domain_taken", domains: taken });
  }
  await tx.update(orgDomains).set({ identityProviderId: null }).where(and(eq(orgDomains.identityProviderId, idpId), notInArray(orgDomains.domain, domains)));
  // Guarded by "still free or already ours", so two providers racing for a domain cannot both win.
  const bound = await tx
    .update(orgDomains)
    .set({ identityProviderId: idpId })
    .where(and(eq(orgDomains.orgId, orgId), inArray(orgDomains.domain, domains), or(isNull(orgDomains.identityProviderId), eq(orgDomains.identityProviderId, idpId))))
    .returning({ domain: orgDomains.domain });
  if (bound.length !== domains.length) throw new AppError("conflict", "a domain was taken by another identity provider meanwhile", { field: "domains" });
}

