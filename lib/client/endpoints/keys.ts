// Query keys of the endpoint resources; mutations invalidate through these.
export const endpointKeys = {
  all: (slug: string) => ["orgs", slug, "endpoints"] as const,
  list: (slug: string, filters: Record<string, string | undefined>) => ["orgs", slug, "endpoints", "list", filters] as const,
  detail: (slug: string, id: string) => ["orgs", slug, "endpoints", "detail", id] as const,
  apiKeys: (slug: string, id: string) => ["orgs", slug, "endpoints", "detail", id, "keys"] as const,
  keyUsage: (slug: string, id: string, keyId: string) => ["orgs", slug, "endpoints", "detail", id, "keys", keyId, "usage"] as const,
  metrics: (slug: string, id: string, range: string, model: string | null = null) => ["orgs", slug, "endpoints", "detail", id, "metrics", range, model ?? ""] as const,
  preflight: (slug: string, input: unknown) => ["orgs", slug, "endpoints", "preflight", input] as const,
};
