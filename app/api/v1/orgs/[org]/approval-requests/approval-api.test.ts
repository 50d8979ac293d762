import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { approvalRequests, clusters } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import { freshSimulator } from "@/lib/control-plane/testing/sim-harness";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { createApprovalPolicy } from "@/lib/services/approvals/approval-policies";
import { orgWithRoles } from "@/lib/services/testing/fixtures";
import { POST as launchClusterRoute } from "../clusters/route";
import { GET as listRoute } from "./route";
import { GET as getRoute } from "./[id]/route";
import { POST as decideRoute } from "./[id]/decisions/route";

// 稟議 through the API as automation meets it (bearer tokens): a launch a rule applies to answers
// 202 with the approval request (not an Operation) and a Location to follow it; its
// Idempotency-Key replays the same request; the approver's token decides and the answer shows the
// order placed, with the operation to follow.

vi.mock("@/lib/auth/next-auth", () => ({ auth: async () => null }));

type Route = (request: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

async function call(route: Route, path: string, options: { token: string; method?: string; body?: unknown; params?: Record<string, string>; key?: string }) {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, "accept-language": "ja" };
  if (options.key) headers["idempotency-key"] = options.key;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await route(new Request(`http://localhost${path}`, { method: options.method ?? "GET", headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }), { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const launch = (name: string, approval?: object) => ({ name, zoneId: "jp-tokyo-1a", kubernetesVersion: "1.36", controlPlane: "single", nodePools: [{ name: "system", shapeId: "cpu-16", count: 1 }], ...(approval ? { approval } : {}) });

describe("approval requests through the API", () => {
  let handle: DbHandle;
  let sim: SimulatedControlPlane;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let developer: string;
  let admin: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    ({ sim } = await freshSimulator(handle.db, { timing: { speed: Infinity, coldStartFactor: 0 } }));
    setControlPlane(sim);
    acme = await orgWithRoles(handle.db, "acme-ringi");
    developer = (await createApiToken(acme.as.developer, acme.slug, { name: "dev-ci", role: "developer", expiresInDays: 30 })).secret;
    admin = (await createApiToken(acme.as.admin, acme.slug, { name: "approver-bot", role: "admin", expiresInDays: 30 })).secret;
    await createApprovalPolicy(acme.as.owner, acme.slug, { name: "全件", actions: ["cluster.create"], thresholdMonthlyJpy: 0, stages: [{ name: "課長", approvers: { roles: ["admin"] } }] });
  });
  afterAll(async () => {
    await sim?.close();
    setControlPlane(undefined);
    await handle?.close();
  });

  it("answers 202 with the approval request and its Location, replays it under the same key, and places the order on approval", async () => {
    const path = `/api/v1/orgs/${acme.slug}/clusters`;
    const params = { org: acme.slug };
    const missing = await call(launchClusterRoute as Route, path, { token: developer, method: "POST", body: launch("ringi-api"), params, key: "ringi-0" });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "validation_failed", details: { field: "approval.subject" } });

    const body = launch("ringi-api", { subject: "検証用クラスター", purpose: "API からの稟議" });
    const first = await call(launchClusterRoute as Route, path, { token: developer, method: "POST", body, params, key: "ringi-1" });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: "pending", subject: "検証用クラスター", targetName: "ringi-api", stages: [{ name: "課長", state: "awaiting" }] });
    expect(first.body).not.toHaveProperty("kind");
    expect(first.headers.get("location")).toBe(`/api/v1/orgs/${acme.slug}/approval-requests/${first.body.id}`);

    const replay = await call(launchClusterRoute as Route, path, { token: developer, method: "POST", body, params, key: "ringi-1" });
    expect(replay.status).toBe(202);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.id).toBe(first.body.id);
    expect(await handle.db.select().from(approvalRequests).where(eq(approvalRequests.targetName, "ringi-api"))).toHaveLength(1);
    expect(await handle.db.select().from(clusters).where(eq(clusters.name, "ringi-api"))).toHaveLength(0);

    const queue = await call(listRoute as Route, `/api/v1/orgs/${acme.slug}/approval-requests?view=to_decide`, { token: admin, params });
    expect(queue.body.items.map((r: { id: string }) => r.id)).toEqual([first.body.id]);

    const detailPath = `/api/v1/orgs/${acme.slug}/approval-requests/${first.body.id}`;
    const selfDecision = await call(decideRoute as Route, `${detailPath}/decisions`, { token: developer, method: "POST", body: { decision: "approve" }, params: { ...params, id: first.body.id }, key: "d-0" });
    expect(selfDecision.status).toBe(403);
    const decided = await call(decideRoute as Route, `${detailPath}/decisions`, { token: admin, method: "POST", body: { decision: "approve", comment: "了承" }, params: { ...params, id: first.body.id }, key: "d-1" });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: "executed", operationId: expect.stringMatching(/^op_/) });
    const read = await call(getRoute as Route, detailPath, { token: developer, params: { ...params, id: first.body.id } });
    expect(read.body.stages[0].decision).toMatchObject({ decision: "approve", comment: "了承" });
    expect(await handle.db.select().from(clusters).where(eq(clusters.name, "ringi-api"))).toHaveLength(1);
  });
});
