import http from "node:http";
import next from "next";
import { dataDirectory, getDbHandle } from "@/lib/db/client";
import { seedDemoData } from "@/lib/services/demo/seed-demo-data";
import { ssoConfig } from "@/lib/auth/sso-config";
import { getKek } from "@/lib/attestation/kek";
import { printBanner } from "./banner";
import { supportEmail } from "./support-email";
import { startBackgroundTasks, stopBackgroundTasks } from "./background-tasks";
import { loadCapabilities } from "./capabilities";
import apiRouteFiles from "hinoki:api-routes";
import { apiEdgeHandler } from "./api-edge";
import { edgeHandlers, registerEdgeHandler } from "./edge-handlers";
import { refuseMalformedPath } from "./malformed-path";
import { applySecurityHeaders, contentSecurityPolicy } from "./security-headers";
import { parseTrustedProxies, stampClientAddress, TRUSTED_PROXIES_ENV } from "./client-address";
import { testHooksEnabled, testHooksHandler, TEST_HOOKS_ENV } from "./test-hooks";

// The console's process: a plain Node HTTP server that answers the data paths itself (the
// inference gateway) and hands every other request to Next — same origin, same port, one
// `npm start`. It also owns start-up: migrations, demo data, background loops.

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  // Read before anything else starts, so a mistyped proxy list stops the server at once.
  const trustedProxies = parseTrustedProxies(process.env[TRUSTED_PROXIES_ENV]);
  // A deployment on PostgreSQL without its own key-encryption key stops here, before it opens
  // the database (lib/attestation/kek.ts); the embedded default makes a development key.
  getKek();
  // The support address is printed into every help menu: a typo stops the server here instead.
  supportEmail();
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOST ?? "127.0.0.1";
  const app = next({ dev, dir: process.cwd(), hostname, port });
  const handleWithNext = app.getRequestHandler();

  const started = performance.now();
  const [db] = await Promise.all([getDbHandle(), app.prepare()]);
  await loadCapabilities();
  // Bearer-token API calls skip Next (lib/server/api-edge.ts) — not in dev, where the route
  // handlers must be Next's hot-reloaded ones rather than the copies bundled into this server.
  if (!dev && process.env.HINOKI_API_EDGE !== "off") registerEdgeHandler(apiEdgeHandler(apiRouteFiles));
  if (process.env.HINOKI_SEED_DEMO !== "false") await seedDemoData(db);
  // Journeys only (scripts/e2e-server.mjs): never set in a deployment; see lib/server/test-hooks.ts.
  if (testHooksEnabled()) {
    registerEdgeHandler(testHooksHandler());
    console.warn(`  ${TEST_HOOKS_ENV}=1: test hooks under /_test/ are on (loopback only). Never set this in production.`);
  }

  const csp = contentSecurityPolicy({ dev, ssoIssuer: ssoConfig()?.issuer });
  const server = http.createServer((req, res) => {
    // Everything behind this line (the gateway, the API edge, Next) reads the client's address
    // from the header set here, never from what the client sent.
    stampClientAddress(req, trustedProxies);
    applySecurityHeaders(res, csp);
    if (refuseMalformedPath(req, res)) return;
    const edge = edgeHandlers().find((h) => h.matches(req));
    if (edge) {
      Promise.resolve(edge.handle(req, res)).catch((error) => {
        console.error(`[${edge.name}]`, error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "internal error", type: "server_error" } }));
      });
      return;
    }
    void handleWithNext(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    startBackgroundTasks();
    const url = `http://${hostname === "0.0.0.0" || hostname === "127.0.0.1" ? "localhost" : hostname}:${port}`;
    printBanner(url, db.driver, dataDirectory(), process.env.CONTROL_PLANE_URL ?? "embedded simulator");
    console.log(`  Ready in ${Math.round(performance.now() - started)} ms`);
  });

  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: shutting down`);
    // Rounds in progress finish (bounded) and the leases are given up, so another instance
    // takes the loops on its next round rather than after the leases lapse.
    await stopBackgroundTasks();
    server.close();
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
