// Single sign-on is on when an OpenID Connect provider is configured by environment variables.
export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
}

export function ssoConfig(): SsoConfig | null {
  const issuer = process.env.HINOKI_OIDC_ISSUER;
  const clientId = process.env.HINOKI_OIDC_CLIENT_ID;
  const clientSecret = process.env.HINOKI_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: process.env.HINOKI_OIDC_NAME ?? "SSO" };
}
