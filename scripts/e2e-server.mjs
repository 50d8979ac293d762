// Starts the built console for the Playwright journeys on a fresh data directory, with SSO
// pointed at the local test identity provider and the simulator's clock made fast.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.E2E_PORT ?? "3210";
const oidcPort = process.env.E2E_OIDC_PORT ?? "3299";
const dataDir = path.resolve(root, process.env.E2E_DATA_DIR ?? `.test-data/e2e-${port}`);
rmSync(dataDir, { recursive: true, force: true });
// The server's log is also kept in a file: without SMTP, mail to an address (an invitation
// link) is printed there, and a journey reads the invitee's mail from it as an operator would.
// Both streams go in, as in an operator's log: journeys also check that a refusal on purpose is
// not logged as a server error (e2e/server-log.ts).
const logPath = path.resolve(root, process.env.E2E_SERVER_LOG ?? `.test-data/e2e-${port}.log`);
mkdirSync(path.dirname(logPath), { recursive: true });
const log = createWriteStream(logPath, { flags: "w" });

// The same Node flags as `npm start` (scripts/server-node-flags.json).
const nodeFlags = JSON.parse(readFileSync(path.join(root, "scripts/server-node-flags.json"), "utf8"));
const child = spawn(process.execPath, [...nodeFlags, "--enable-source-maps", process.env.HINOKI_SERVER_BUNDLE ?? "dist/server.mjs"], {
  cwd: root,
  stdio: ["inherit", "pipe", "pipe"],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    HOST: "127.0.0.1",
    HINOKI_DATA_DIR: dataDir,
    AUTH_SECRET: "e2e-only-secret-not-for-production-use-0123456789",
    AUTH_TRUST_HOST: "true",
    HINOKI_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
    HINOKI_OIDC_CLIENT_ID: "hinoki-console",
    HINOKI_OIDC_CLIENT_SECRET: "hinoki-e2e-secret",
    HINOKI_OIDC_NAME: "Hinoki Test IdP",
    // The customers' test IdPs (e2e/oidc/server.mjs with OIDC_TENANTS) speak plain http on loopback.
    HINOKI_SSO_ALLOW_HTTP_ISSUERS: "true",
    HINOKI_SIM_SPEED: process.env.HINOKI_SIM_SPEED ?? "10",
    // Journeys move one reservation through its lifecycle (lib/server/test-hooks.ts); loopback only.
    HINOKI_E2E_TEST_HOOKS: "1",
    HINOKI_API_RATE_BURST: "2000",
    HINOKI_MAIL_INTERVAL_MS: "500",
    // GPU telemetry journeys: read samples every second, and call GPUs idle after 2 minutes
    // (the product's rule is 6 hours; the service tests check that one with a simulated clock).
    HINOKI_TELEMETRY_INGEST_INTERVAL_MS: "1000",
    HINOKI_IDLE_GPU_WINDOW_MINUTES: "2",
    HINOKI_SMTP_URL: "", // mail to addresses goes to the log (above), as in the embedded default
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  log.write(chunk);
});
child.stderr.on("data", (chunk) => {
  process.stderr.write(chunk);
  log.write(chunk);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
