import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { orgDomains, orgIdentityProviders } from "@/lib/db/schema";
import { getKek } from "@/lib/attestation/kek";
import { openSealedSecret, sealSecret } from "@/lib/attestation/sealed-secret";
import { isOrgRole, type OrgRole } from "@/lib/domain/permissions";
import { emailDomainOf } from "@/lib/domain/sso";

// The orgs' own OpenID Connect providers as sign-in sees them: which one serves an e-mail
// address (home-realm discovery), and one provider with its client secret opened, for the
// Auth.js request that signs in through it. The secret is sealed under the same
// key-encryption key as the attestation signing keys (lib/attestation/sealed-secret.ts).

export interface OrgProviderForSignIn {
  id: string;
  orgId: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  jitRole: OrgRole | null;
  /** The verified domains bound to this provider now; the only ones it may assert. */
  domains: string[];
}

function secretPurpose(idpId: string): string {
  return `hinoki-idp-client-secret:${idpId}`;
}

export function sealClientSecret(idpId: string, secret: string): { sealed: string; kekId: string } {
  const kek = getKek();
  return { sealed: sealSecret(kek, secretPurpose(idpId), secret), kekId: kek.id };
}

/**
 * Plain-http issuers are for local test providers only: in production the provider's discovery
 * document, keys and token endpoint must come over TLS.
 */
export function plainHttpIssuersAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env.HINOKI_SSO_ALLOW_HTTP_ISSUERS === "true";
}

export function issuerAllowed(issuer: string, env: Record<string, string | undefined> = process.env): boolean {
  const protocol = new URL(issuer).protocol;
  return protocol === "https:" || (protocol === "http:" && plainHttpIssuersAllowed(env));
}

export async function domainsOfProvider(db: DbOrTx, idpId: string): Promise<string[]> {
  const rows = await db.select({ domain: orgDomains.domain }).from(orgDomains).where(eq(orgDomains.identityProviderId, idpId)).orderBy(orgDomains.domain);
  return rows.map((r) => r.domain);
}

export async function loadOrgProviderForSignIn(db: DbOrTx, idpId: string): Promise<OrgProviderForSignIn | null> {
  const [row] = await db.select().from(orgIdentityProviders).where(eq(orgIdentityProviders.id, idpId)).limit(1);
  if (!row || !issuerAllowed(row.issuer)) return null;
  const clientSecret = openSealedSecret(getKek(), secretPurpose(row.id), row.clientSecretSealed, row.clientSecretKekId, `identity provider ${row.id} client secret`);
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret,
    jitRole: row.jitRole && isOrgRole(row.jitRole) ? row.jitRole : null,
    domains: await domainsOfProvider(db, row.id),
  };
}

/** The org provider an address must sign in through, or null when it signs in with a password. */
export async function orgProviderForEmail(db: DbOrTx, email: string): Promise<{ id: string; name: string; orgId: string } | null> {
  const domain = emailDomainOf(email);
  if (!domain) return null;
  const [row] = await db
    .select({ id: orgIdentityProviders.id, name: orgIdentityProviders.name, orgId: orgIdentityProviders.orgId })
    .from(orgDomains)
    .innerJoin(orgIdentityProviders, eq(orgIdentityProviders.id, orgDomains.identityProviderId))
    .where(and(eq(orgDomains.domain, domain), isNotNull(orgDomains.identityProviderId)))
    .limit(1);
  return row ?? null;
}
