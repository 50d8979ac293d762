// The two things the gateway benchmark compares, in one process of their own:
// - the real inference gateway (lib/gateway/handler.ts, the edge handler `npm start` mounts in
//   front of Next): key lookup (cached), rate limit, validation, the control-plane HTTP client
//   (with its contract validation), SSE re-framing and metering buffered and flushed in batches;
// - a bare Node proxy that pipes the same request to the same upstream and the answer back.
// Prints the ports, endpoint id and key as JSON on stdout.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase, setDbHandle } from "@/lib/db/client";
import { endpoints, orgs, users } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import { HttpControlPlane } from "@/lib/control-plane/http-client";
import { hashSecret, newSecret } from "@/lib/auth/secrets";
import { endpointAdapters, endpointKeys } from "@/lib/db/schema";
import { newId } from "@/lib/domain/ids";
import { handleInference, setGatewayRateLimit } from "@/lib/gateway/handler";
import { flushMetering } from "@/lib/services/endpoints/metering-buffer";

const upstreamPort = Number(process.argv[2]);
const upstream = `http://127.0.0.1:${upstreamPort}`;

async function main() {
  // An in-memory PGlite, migrated here (lib/db/testing.ts needs vitest, which a bench does not run in).
  const handle = await openDatabase({});
  setDbHandle(handle);
  const db = handle.db;
  const orgId = newId("org");
  const userId = newId("user");
  const endpointId = newId("endpoint");
  await db.insert(orgs).values({ id: orgId, slug: "bench-gw", legalNameJa: "ベンチ株式会社", legalNameEn: "Bench K.K." });
  await db.insert(users).values({ id: userId, email: "bench@example.com", name: "bench", emailVerifiedAt: new Date() });
  await db.insert(endpoints).values({
    id: endpointId, orgId, name: "bench", modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1a",
    minReplicas: 1, maxReplicas: 1, autoscaling: { metric: "concurrent_requests", target: 8 }, status: "running", replicasCurrent: 1, replicasReady: 1, coldStartSeconds: 25, createdBy: userId,
  });
  // A LoRA adapter attached to it: the adapter case names it, and every lookup reads the cached list.
  await db.insert(endpointAdapters).values({ orgId, endpointId, adapterId: newId("loraAdapter"), adapterName: "bench-lora", state: "attached" });
  const secret = newSecret("hki_");
  await db.insert(endpointKeys).values({ id: newId("endpointKey"), orgId, endpointId, name: "bench", prefix: secret.slice(0, 12), secretHash: hashSecret(secret), createdBy: userId });
  // A key with a monthly token budget far above what the run can spend: the budget check is on its path.
  const budgetedSecret = newSecret("hki_");
  await db.insert(endpointKeys).values({ id: newId("endpointKey"), orgId, endpointId, name: "bench-budget", prefix: budgetedSecret.slice(0, 12), secretHash: hashSecret(budgetedSecret), createdBy: userId, monthlyTokenBudget: 1e12 });
  // As `npm start` with CONTROL_PLANE_URL: the management calls use the HTTP client, the data path goes direct.
  process.env.CONTROL_PLANE_URL = upstream;
  setControlPlane(new HttpControlPlane({ baseUrl: upstream, retries: 0 }));
  setGatewayRateLimit(1e9, 1e9);
  setInterval(() => void flushMetering(db).catch((e) => console.error("flush", e)), 2000).unref();

  const gateway = http.createServer((req, res) => void handleInference(req, res));
  gateway.keepAliveTimeout = 65_000;

  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const proxy = http.createServer((req, res) => {
    const match = /^\/inference\/([^/]+)\/v1\/chat\/completions$/.exec(req.url ?? "");
    const path = match ? `/v1/endpoints/${match[1]}/chat/completions` : (req.url ?? "/");
    const out = http.request({ host: "127.0.0.1", port: upstreamPort, method: req.method, path, headers: { "content-type": "application/json", ...(req.headers["content-length"] ? { "content-length": req.headers["content-length"] } : {}) }, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on("error", () => res.writeHead(502).end());
    req.pipe(out);
  });
  proxy.keepAliveTimeout = 65_000;

  // This process's CPU time so far (µs), read before and after each measurement: CPU per request
  // is a figure a busy machine does not move, where requests per second are.
  const cpu = http.createServer((_req, res) => {
    const used = process.cpuUsage();
    res.end(JSON.stringify({ cpuMicros: used.user + used.system }));
  });

  await Promise.all([gateway, proxy, cpu].map((server) => new Promise<void>((r) => server.listen(0, "127.0.0.1", r))));
  const portOf = (server: http.Server) => (server.address() as AddressInfo).port;
  console.log(JSON.stringify({ gatewayPort: portOf(gateway), proxyPort: portOf(proxy), cpuPort: portOf(cpu), endpointId, secret, budgetedSecret }));
  process.on("SIGTERM", async () => {
    const served = await flushMetering(db).catch(() => 0);
    console.error(`[servers] final flush: ${served} requests`);
    process.exit(0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
