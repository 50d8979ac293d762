// Query keys of attestations and the residency policy; mutations invalidate through these.
export const attestationKeys = {
  all: (slug: string) => ["orgs", slug, "attestations"] as const,
  list: (slug: string, filter: { resourceId?: string; status?: string }) => ["orgs", slug, "attestations", "list", filter] as const,
  detail: (slug: string, id: string) => ["orgs", slug, "attestations", "detail", id] as const,
  jwks: () => ["jwks"] as const,
  residencyPolicy: (slug: string) => ["orgs", slug, "residency-policy"] as const,
};

export const attestationsBase = (slug: string) => `/api/v1/orgs/${encodeURIComponent(slug)}/attestations`;
