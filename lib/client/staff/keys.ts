// Query keys of the staff console's resources; mutations invalidate through these.
export const staffKeys = {
  all: ["staff"] as const,
  quotaQueue: (filter: { status?: string; org?: string }) => ["staff", "quota-requests", filter] as const,
  quotaQueueAll: () => ["staff", "quota-requests"] as const,
  contract: (slug: string) => ["staff", "accounts", slug, "contract"] as const,
  notes: (slug: string) => ["staff", "accounts", slug, "notes"] as const,
  activity: (slug: string) => ["staff", "accounts", slug, "activity"] as const,
  domains: (slug: string) => ["staff", "accounts", slug, "domains"] as const,
};
