// Query keys of reservations; mutations invalidate through these.
export const reservationKeys = {
  all: (slug: string) => ["orgs", slug, "reservations"] as const,
  list: (slug: string) => ["orgs", slug, "reservations", "list"] as const,
  detail: (slug: string, id: string) => ["orgs", slug, "reservations", "detail", id] as const,
  quote: (slug: string, request: object) => ["orgs", slug, "reservations", "quote", request] as const,
};

