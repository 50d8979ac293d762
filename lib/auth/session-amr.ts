import { isAuthMethod, type AuthMethod } from "@/lib/domain/sign-in-policy";

// The session JWT records how the person signed in (`amr`, RFC 8176 names): ["pwd"],
// ["pwd","otp"], ["sso"] or, after linking an SSO identity, ["sso","pwd"(,"otp")]. It is written once, when the session is issued, and only read
// afterwards — nothing a browser sends can change it (the session update endpoint is not used).

/** The amr of a session being issued, from the provider that authenticated the person. */
export function amrAtSignIn(account: { provider?: string; type?: string } | null | undefined, user: unknown): AuthMethod[] | undefined {
  if (!account) return undefined;
  if (account.type === "oidc" || account.provider === "sso") return ["sso"];
  const claimed = (user as { amr?: unknown } | undefined)?.amr;
  if (account.provider === "password") return Array.isArray(claimed) && claimed.every(isAuthMethod) ? claimed : ["pwd"];
  // Linking an SSO identity: the IdP's login, then the account's password (and second factor).
  if (account.provider === "sso-link") return ["sso", ...(Array.isArray(claimed) ? claimed.filter(isAuthMethod) : [])];
  return [];
}

/** The amr carried by a session (token or session object); a session without one proves nothing. */
export function amrOf(carrier: unknown): AuthMethod[] {
  const amr = (carrier as { amr?: unknown } | null | undefined)?.amr;
  return Array.isArray(amr) ? amr.filter(isAuthMethod) : [];
}
