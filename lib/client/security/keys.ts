// Query keys of the sign-in security resources; mutations invalidate through these.
export const securityKeys = {
  mfa: () => ["me", "mfa"] as const,
  signInPolicy: (slug: string) => ["orgs", slug, "sign-in-policy"] as const,
};
