import { z } from "zod";
import { Timestamp } from "./common";

// Single sign-on per organization (issue 14, item 3): the e-mail domains an account manager has
// verified as an org's, the org's own OpenID Connect providers, and home-realm discovery.

/** A lower-case DNS name with at least one dot (e.g. hinoki-motor.example); no wildcards. */
export const EmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "a domain name such as example.co.jp");

/**
 * Mailbox providers anyone can sign up with: their domain can never vouch for one org's people,
 * so an account manager cannot verify them for an org.
 */
export const SHARED_MAILBOX_DOMAINS = [
  "gmail.com",
  "googlemail.com",
  "yahoo.co.jp",
  "yahoo.com",
  "outlook.com",
  "outlook.jp",
  "hotmail.com",
  "hotmail.co.jp",
  "live.jp",
  "live.com",
  "icloud.com",
  "me.com",
  "docomo.ne.jp",
  "ezweb.ne.jp",
  "au.com",
  "softbank.ne.jp",
  "i.softbank.jp",
  "nifty.com",
  "biglobe.ne.jp",
  "ocn.ne.jp",
  "proton.me",
  "protonmail.com",
] as const;

/** The part after the last "@", lower-cased; null when there is none. */
export function emailDomainOf(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) return null;
  return email.slice(at + 1).trim().toLowerCase();
}

export const VerifyOrgDomainInput = z.object({ domain: EmailDomain });
export type VerifyOrgDomainInput = z.infer<typeof VerifyOrgDomainInput>;

export const OrgDomain = z.object({
  domain: z.string(),
  identityProviderId: z.string().nullable().describe("the org's provider its people must sign in through, if any"),
  verifiedBy: z.string().describe("the account manager who verified it"),
  verifiedAt: Timestamp,
});
export type OrgDomain = z.infer<typeof OrgDomain>;

/** Roles an org may grant automatically to people its provider creates (never owner or admin). */
export const JIT_ROLES = ["developer", "billing", "viewer"] as const;
export const JitRole = z.enum(JIT_ROLES);

const Issuer = z
  .string()
  .trim()
  .max(500)
  .url()
  // zod runs a refinement even when .url() has already failed, so the value may not parse at all.
  .refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    return url !== null && (url.protocol === "https:" || url.protocol === "http:") && !url.search && !url.hash && !url.username && !url.password;
  }, "an https URL without query, fragment or credentials");

const Domains = z.array(EmailDomain).min(1).max(50).refine((list) => new Set(list).size === list.length, "each domain once");

export const CreateIdentityProviderInput = z.object({
  name: z.string().trim().min(1).max(80),
  issuer: Issuer,
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000),
  domains: Domains,
  jitRole: JitRole.nullable().default(null),
});
export type CreateIdentityProviderInput = z.input<typeof CreateIdentityProviderInput>;

/** Every field optional; a secret sent replaces the stored one, an absent secret keeps it. */
export const UpdateIdentityProviderInput = z
  .object({
    name: z.string().trim().min(1).max(80),
    issuer: Issuer,
    clientId: z.string().trim().min(1).max(500),
    clientSecret: z.string().min(1).max(2000),
    domains: Domains,
    jitRole: JitRole.nullable(),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, "nothing to change");
export type UpdateIdentityProviderInput = z.input<typeof UpdateIdentityProviderInput>;

/** The provider as shown back: the secret is write-only and never leaves the server. */
export const IdentityProvider = z.object({
  id: z.string(),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.literal(true),
  domains: z.array(z.string()),
  jitRole: JitRole.nullable(),
  redirectPath: z.string().describe("the callback path on the console's origin; register that URL at the identity provider"),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type IdentityProvider = z.infer<typeof IdentityProvider>;

export const IdentityProviderList = z.object({
  items: z.array(IdentityProvider),
  verifiedDomains: z.array(OrgDomain).describe("domains the org's account manager has verified; a provider may serve these only"),
});
export type IdentityProviderList = z.infer<typeof IdentityProviderList>;

export const SignInDiscoveryInput = z.object({ email: z.string().trim().toLowerCase().min(3).max(254).email() });
export type SignInDiscoveryInput = z.infer<typeof SignInDiscoveryInput>;

export const SignInDiscovery = z.discriminatedUnion("method", [
  z.object({ method: z.literal("password") }),
  z.object({ method: z.literal("sso"), providerId: z.string(), providerName: z.string() }),
]);
export type SignInDiscovery = z.infer<typeof SignInDiscovery>;

/** Auth.js provider ids of org providers are their row ids; the staff provider is "sso". */
export const GLOBAL_SSO_PROVIDER_ID = "sso";
export const ORG_PROVIDER_ID_PATTERN = /^idp_[0-9A-HJKMNP-TV-Z]{26}$/;
