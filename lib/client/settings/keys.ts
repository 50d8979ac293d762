// Query keys of the org settings resources; mutations invalidate through these.
export const settingsKeys = {
  org: (slug: string) => ["orgs", slug] as const,
  members: (slug: string) => ["orgs", slug, "members"] as const,
  invitations: (slug: string) => ["orgs", slug, "invitations"] as const,
  apiTokens: (slug: string) => ["orgs", slug, "api-tokens"] as const,
  identityProviders: (slug: string) => ["orgs", slug, "identity-providers"] as const,
};
