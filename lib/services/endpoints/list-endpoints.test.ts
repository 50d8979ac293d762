import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { setControlPlane } from "@/lib/control-plane";
import { expectAppError, freshSimulator } from "@/lib/control-plane/testing/sim-harness";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { GET as listRoute } from "@/app/api/v1/orgs/[org]/endpoints/route";
import { createApiToken } from "../api-tokens/create-api-token";
import { orgWithRoles } from "../testing/fixtures";
import { createEndpoint } from "./create-endpoint";
import { listEndpoints } from "./list-endpoints";

// The endpoints list filters and sorts as the clusters list does (name prefix, region, status;
// created or name, either way), pages by keyset without skipping or repeating a row, stays inside
// the caller's org, and answers a bad query with a 400 in the one error shape.

vi.mock("@/lib/auth/next-auth", () => ({ auth: async () => null }));

let handle: DbHandle;
let sim: SimulatedControlPlane;
let acme: Awaited<ReturnType<typeof orgWithRoles>>;
let other: Awaited<ReturnType<typeof orgWithRoles>>;
let token: string;

// Tokyo runs the model on L40S, Hokkaido on H200 (the shapes each region's fleet has).
const order = (name: string, zoneId: string) => ({ name, modelId: "sarashina2.2-3b-instruct", shapeId: zoneId.startsWith("jp-tokyo") ? "l40s-1x" : "h200-8x", zoneId, minReplicas: 0, maxReplicas: 1 });
// Created in this order (ids are time-sortable, so creation order is id order).
const TOKYO = ["chat-b", "chat-a", "batch-c"];
const HOKKAIDO = ["chat-d", "rag-e"];

beforeAll(async () => {
  handle = await createTestDatabase();
  ({ sim } = await freshSimulator(handle.db, { timing: { speed: Infinity, coldStartFactor: 0 } }));
  setControlPlane(sim);
  acme = await orgWithRoles(handle.db, "acme-list");
  other = await orgWithRoles(handle.db, "other-list");
  for (const name of TOKYO) await createEndpoint(sim, acme.as.developer, acme.slug, order(name, "jp-tokyo-1a"));
  for (const name of HOKKAIDO) await createEndpoint(sim, acme.as.developer, acme.slug, order(name, "jp-hokkaido-1a"));
  // Another org's endpoint with a matching name and region never shows up in acme's list.
  await createEndpoint(sim, other.as.developer, other.slug, order("chat-z", "jp-tokyo-1a"));
  token = (await createApiToken(acme.as.owner, acme.slug, { name: "ci", role: "viewer", expiresInDays: 1 })).secret;
});

afterAll(async () => {
  await sim?.close();
  setControlPlane(undefined);
  await handle?.close();
});

const names = async (query: Parameters<typeof listEndpoints>[2]) => (await listEndpoints(acme.as.viewer, acme.slug, query)).items.map((e) => e.name);

/** Every page of a query, following nextCursor, `limit` rows at a time. */
async function allPages(query: Parameters<typeof listEndpoints>[2], limit: number): Promise<{ names: string[]; pages: number }> {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listEndpoints(acme.as.viewer, acme.slug, { ...query, limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((e) => e.name));
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor);
  return { names: seen, pages };
}

describe("the endpoints list", () => {
  it("filters by name prefix, region and status, alone and together, within the caller's org", async () => {
    expect(await names({})).toEqual([...TOKYO, ...HOKKAIDO].reverse());
    expect(await names({ q: "chat-" })).toEqual(["chat-d", "chat-a", "chat-b"]);
    expect(await names({ regionId: "jp-hokkaido-1" })).toEqual(["rag-e", "chat-d"]);
    expect(await names({ q: "chat-", regionId: "jp-tokyo-1" })).toEqual(["chat-a", "chat-b"]);
    // LIKE's wildcards are taken literally: "%" is not "anything".
    expect(await names({ q: "%" })).toEqual([]);
    expect(await names({ q: "chat_" })).toEqual([]);
    expect(await names({ regionId: "jp-nowhere-9" })).toEqual([]);
    const status = (await listEndpoints(acme.as.viewer, acme.slug, {})).items[0].status;
    expect((await listEndpoints(acme.as.viewer, acme.slug, { status, regionId: "jp-hokkaido-1" })).items.every((e) => e.status === status && e.regionId === "jp-hokkaido-1")).toBe(true);
    expect(await names({ status: "failed" })).toEqual([]);
    expect((await listEndpoints(other.as.owner, other.slug, { q: "chat-" })).items.map((e) => e.name)).toEqual(["chat-z"]);
  });

  it("sorts by creation or name either way, and pages through each sort without a gap or a repeat", async () => {
    const all = [...TOKYO, ...HOKKAIDO];
    const byName = [...all].sort();
    const expected = { created_desc: [...all].reverse(), created_asc: all, name_asc: byName, name_desc: [...byName].reverse() } as const;
    for (const [sort, want] of Object.entries(expected)) {
      expect(await names({ sort: sort as keyof typeof expected }), sort).toEqual(want);
      const paged = await allPages({ sort: sort as keyof typeof expected }, 2);
      expect(paged.names, sort).toEqual(want);
      expect(paged.pages, sort).toBe(3);
    }
    // Filters and sort hold across pages too.
    expect((await allPages({ q: "chat-", sort: "name_asc" }, 1)).names).toEqual(["chat-a", "chat-b", "chat-d"]);
  });

  it("refuses a bad query: a cursor from another sort, an unknown sort, a malformed region", async () => {
    const byCreation = await listEndpoints(acme.as.viewer, acme.slug, { limit: 1 });
    await expectAppError(listEndpoints(acme.as.viewer, acme.slug, { sort: "name_asc", cursor: byCreation.nextCursor! }), "bad_request");
    await expectAppError(listEndpoints(acme.as.viewer, acme.slug, { cursor: "not-a-cursor" }), "bad_request");
    await expect(listEndpoints(acme.as.viewer, acme.slug, { sort: "price" as never })).rejects.toThrow();
  });
});

describe("GET /orgs/{org}/endpoints", () => {
  async function get(query: string, org = acme.slug) {
    const response = await listRoute(new Request(`http://localhost/api/v1/orgs/${org}/endpoints${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ org }) });
    return { status: response.status, body: await response.json() };
  }

  it("takes q, regionId and sort from the query string and keeps the cursor working", async () => {
    const first = await get("?q=chat-&regionId=jp-tokyo-1&sort=name_asc&limit=1");
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { name: string }) => e.name)).toEqual(["chat-a"]);
    const second = await get(`?q=chat-&regionId=jp-tokyo-1&sort=name_asc&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e: { name: string }) => e.name)).toEqual(["chat-b"]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("answers bad values with a 400 in the one error shape, and another org with a 404", async () => {
    for (const query of ["?sort=price_desc", "?regionId=Tokyo%201", "?limit=0", `?q=${"x".repeat(41)}`, "?cursor=%7B"]) {
      const answer = await get(query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error, query).toMatchObject({ code: expect.stringMatching(/^(validation|bad_request)/), message: expect.any(String), requestId: expect.stringMatching(/^req_/) });
    }
    expect((await get("", other.slug)).status).toBe(404);
  });
});
