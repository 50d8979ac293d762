import { z } from "zod";
import { verifyAttestation, type Jwks } from "@/lib/attestation/verify-attestation";
import { ok, type HinokiClient } from "@/lib/sdk/client";

// The tools the MCP server offers an AI assistant: each is one SDK call (or two), answered with
// the API's JSON. Read-only tools are always there; tools that change something exist only when
// the server was started with --allow-write, and the API audits their calls as it audits every
// call of the token (the user agent names the MCP server).

export interface ToolContext {
  api: HinokiClient;
  /** The org when the call names none: the profile's. */
  defaultOrg?: string;
}

export interface HinokiTool {
  name: string;
  description: string;
  write: boolean;
  input: z.ZodRawShape;
  run(context: ToolContext, args: Record<string, unknown>): Promise<unknown>;
}

const org = z.string().optional().describe("org slug (default: the profile's org)");
const orgOf = (context: ToolContext, args: Record<string, unknown>) => {
  const slug = (args.org as string | undefined) ?? context.defaultOrg;
  if (!slug) throw new Error("no org: pass `org` (see the whoami tool)");
  return slug;
};

export const TOOLS: HinokiTool[] = [
  { name: "whoami", description: "Who the token is and which orgs it belongs to", write: false, input: {}, run: ({ api }) => ok(api.GET("/api/v1/me")) },
  {
    name: "list_clusters",
    description: "The org's Kubernetes clusters with status, zone, GPUs and price per hour",
    write: false,
    input: { org },
    run: (c, a) => ok(c.api.GET("/api/v1/orgs/{org}/clusters", { params: { path: { org: orgOf(c, a) }, query: { limit: 200 } } })),
  },
  {
    name: "get_cluster",
    description: "One cluster (by id) with its node pools, nodes and operation in flight",
    write: false,
    input: { org, id: z.string().describe("cluster id, cl_…") },
    run: (c, a) => ok(c.api.GET("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org: orgOf(c, a), id: a.id as string } } })),
  },
  {
    name: "list_endpoints",
    description: "The org's LLM inference endpoints with model, status and replicas",
    write: false,
    input: { org },
    run: (c, a) => ok(c.api.GET("/api/v1/orgs/{org}/endpoints", { params: { path: { org: orgOf(c, a) }, query: { limit: 200 } } })),
  },
  {
    name: "get_capacity",
    description: "Live GPU availability per zone and shape (optionally one region, zone or shape)",
    write: false,
    input: { regionId: z.string().optional(), zoneId: z.string().optional(), shapeId: z.string().optional() },
    run: (c, a) => ok(c.api.GET("/api/v1/capacity", { params: { query: { regionId: a.regionId as string | undefined, zoneId: a.zoneId as string | undefined, shapeId: a.shapeId as string | undefined } } })),
  },
  { name: "list_shapes", description: "GPU shapes with yen prices per hour and month", write: false, input: {}, run: (c) => ok(c.api.GET("/api/v1/shapes", {})) },
  {
    name: "get_costs",
    description: "Costs of the current month (JST) so far in yen, forecast, by service, and budgets",
    write: false,
    input: { org },
    run: (c, a) => ok(c.api.GET("/api/v1/orgs/{org}/costs/month-to-date", { params: { path: { org: orgOf(c, a) } } })),
  },
  {
    name: "list_attestations",
    description: "Signed residency statements of the org's workloads (status affirming / warning / contraindicated)",
    write: false,
    input: { org },
    run: (c, a) => ok(c.api.GET("/api/v1/orgs/{org}/attestations", { params: { path: { org: orgOf(c, a) }, query: { limit: 200 } as never } })),
  },
  {
    name: "verify_attestation",
    description: "Verify a statement's ES256 signature locally against the published JWKS (does not trust the console's verdict)",
    write: false,
    input: { org, id: z.string().describe("attestation id, at_…") },
    run: async (c, a) => {
      const jws = await ok(c.api.GET("/api/v1/orgs/{org}/attestations/{id}/jws", { params: { path: { org: orgOf(c, a), id: a.id as string } }, parseAs: "text" }) as Promise<{ data?: string; response: Response }>);
      const jwks = (await ok(c.api.GET("/.well-known/jwks.json"))) as Jwks;
      const result = await verifyAttestation(String(jws).trim(), jwks);
      return { valid: result.valid, reason: result.reason, kid: result.header?.kid ?? null, claims: result.claims ?? null };
    },
  },
  {
    name: "scale_node_pool",
    description: "Set the node count of a cluster's node pool (long-running; answers with the operation)",
    write: true,
    input: { org, clusterId: z.string(), poolId: z.string(), count: z.number().int().min(0) },
    run: (c, a) =>
      ok(c.api.PATCH("/api/v1/orgs/{org}/clusters/{id}/node-pools/{poolId}", { params: { path: { org: orgOf(c, a), id: a.clusterId as string, poolId: a.poolId as string } }, body: { count: a.count as number } })),
  },
  {
    name: "delete_cluster",
    description: "Delete a cluster (long-running; cannot be undone)",
    write: true,
    input: { org, clusterId: z.string() },
    run: (c, a) => ok(c.api.DELETE("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org: orgOf(c, a), id: a.clusterId as string } } })),
  },
  {
    name: "scale_endpoint",
    description: "Change an endpoint's replica bounds (long-running)",
    write: true,
    input: { org, endpointId: z.string(), minReplicas: z.number().int().min(0).optional(), maxReplicas: z.number().int().min(1).optional() },
    run: (c, a) =>
      ok(c.api.PATCH("/api/v1/orgs/{org}/endpoints/{id}", { params: { path: { org: orgOf(c, a), id: a.endpointId as string } }, body: { minReplicas: a.minReplicas as number | undefined, maxReplicas: a.maxReplicas as number | undefined } })),
  },
];
