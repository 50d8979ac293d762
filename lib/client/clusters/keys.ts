// Query keys of the clusters resources; mutations invalidate through these.
export const clusterKeys = {
  all: (slug: string) => ["orgs", slug, "clusters"] as const,
  list: (slug: string, filters: Record<string, string | undefined>) => ["orgs", slug, "clusters", "list", filters] as const,
  detail: (slug: string, id: string) => ["orgs", slug, "clusters", "detail", id] as const,
  preflight: (slug: string, input: unknown) => ["orgs", slug, "clusters", "preflight", input] as const,
};
