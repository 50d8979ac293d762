import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { routeTable, type RouteFile } from "./api-route-table";

const handler = (name: string) => Object.assign(async () => new Response(name), { routeName: name });

describe("API edge route table", () => {
  const files: RouteFile[] = [
    { path: "/api/v1/orgs/[org]/clusters", module: { GET: handler("list"), POST: handler("create") } },
    { path: "/api/v1/orgs/[org]/clusters/[id]", module: { GET: handler("get") } },
    { path: "/api/v1/orgs/[org]/clusters/preflight", module: { POST: handler("preflight") } },
    { path: "/api/v1/orgs", module: { GET: handler("orgs") } },
  ];
  const table = routeTable(files);
  const name = (method: string, p: string) => (table.match(method, p)?.handler as unknown as { routeName?: string } | undefined)?.routeName ?? null;

  it("matches like Next: static segments before dynamic ones, params decoded", () => {
    expect(name("POST", "/api/v1/orgs/acme/clusters/preflight")).toBe("preflight");
    expect(name("GET", "/api/v1/orgs/acme/clusters/cl_1")).toBe("get");
    expect(table.match("GET", "/api/v1/orgs/acme/clusters/cl_1")?.params).toEqual({ org: "acme", id: "cl_1" });
    expect(table.match("GET", "/api/v1/orgs/%E3%83%88%E3%83%A8%E3%82%BF/clusters")?.params).toEqual({ org: "トヨタ" });
    expect(name("POST", "/api/v1/orgs/acme/clusters")).toBe("create");
  });

  it("leaves to Next what Next answers itself: unknown paths, methods without a handler, odd paths", () => {
    expect(table.match("GET", "/api/v1/orgs/acme/nothing-here")).toBeNull();
    expect(table.match("DELETE", "/api/v1/orgs/acme/clusters")).toBeNull(); // Next answers 405
    // "preflight" has no GET; Next would not fall back to [id] for it either.
    expect(table.match("GET", "/api/v1/orgs/acme/clusters/preflight")).toBeNull();
    expect(table.match("GET", "/api/v1/orgs/")).toBeNull(); // Next redirects the trailing slash
    expect(table.match("GET", "/api/v1//orgs")).toBeNull();
    expect(table.match("GET", "/api/v1/orgs/%E0%A4%A/clusters")).toBeNull(); // malformed escape
  });

  it("refuses catch-all segments instead of matching them differently from Next", () => {
    expect(() => routeTable([{ path: "/api/v1/files/[...rest]", module: {} }])).toThrow(/catch-all/);
  });

  it("accepts every route file the app has", () => {
    const root = path.resolve(__dirname, "../../app");
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === "route.ts" ? [dir] : []));
    const real = walk(path.join(root, "api/v1")).map((dir) => ({ path: "/" + path.relative(root, dir).split(path.sep).join("/"), module: { GET: handler(dir) } }));
    expect(real.length).toBeGreaterThan(50);
    const realTable = routeTable(real);
    expect(realTable.match("GET", "/api/v1/orgs/acme/clusters/preflight")?.params).toEqual({ org: "acme" });
    expect(realTable.match("GET", "/api/v1/orgs/acme/clusters/cl_1/node-pools/np_1")?.params).toEqual({ org: "acme", id: "cl_1", poolId: "np_1" });
  });
});
