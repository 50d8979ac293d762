// Query keys of the GPU telemetry resources.
export const telemetryKeys = {
  all: (slug: string) => ["orgs", slug, "telemetry"] as const,
  cluster: (slug: string, id: string, range: string, nodeId: string | null) => ["orgs", slug, "telemetry", "cluster", id, range, nodeId] as const,
  endpoint: (slug: string, id: string, range: string) => ["orgs", slug, "telemetry", "endpoint", id, range] as const,
  events: (slug: string, id: string) => ["orgs", slug, "telemetry", "events", id] as const,
  idle: (slug: string, clusterId: string | null) => ["orgs", slug, "telemetry", "idle", clusterId] as const,
};
