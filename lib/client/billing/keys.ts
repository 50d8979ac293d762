// Query keys of the billing resources; mutations invalidate through these.
export const billingKeys = {
  all: (slug: string) => ["orgs", slug, "billing"] as const,
  monthToDate: (slug: string) => ["orgs", slug, "billing", "month-to-date"] as const,
  costs: (slug: string, query: Record<string, string>) => ["orgs", slug, "billing", "costs", query] as const,
  usage: (slug: string, query: Record<string, string>) => ["orgs", slug, "billing", "usage", query] as const,
  invoices: (slug: string, filter: Record<string, string | undefined>) => ["orgs", slug, "billing", "invoices", filter] as const,
  budgets: (slug: string) => ["orgs", slug, "billing", "budgets"] as const,
};

export const billingPath = (slug: string, rest: string) => `/api/v1/orgs/${encodeURIComponent(slug)}/${rest}`;
