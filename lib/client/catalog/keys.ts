// Query keys of the catalog, capacity and quota resources; mutations invalidate through these.
export const catalogKeys = {
  capacity: () => ["capacity"] as const,
  quotas: (slug: string) => ["orgs", slug, "quotas"] as const,
  quotaRequests: (slug: string) => ["orgs", slug, "quota-requests"] as const,
  health: () => ["health"] as const,
};
