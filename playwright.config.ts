import { defineConfig } from "@playwright/test";

// Journeys against the production build, in Debian's Chromium (Playwright cannot download its
// own browser here). One worker: the machine has two cores and the server needs one.

const port = Number(process.env.E2E_PORT ?? 3210);
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3299);
// A second identity provider process: the customers' own IdPs (one tenant per org, issue 14).
const orgOidcPort = Number(process.env.E2E_ORG_OIDC_PORT ?? oidcPort + 1);
// "localhost", not 127.0.0.1: Next normalises loopback addresses to "localhost" in the URLs it
// hands to route handlers, so Auth.js builds its callback URLs with that name.
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts/,
  // A guard against a hung journey, not a speed budget: waits on simulated work follow its real
  // state (UNTIL_DONE in e2e/fixtures.ts), so a slower machine takes longer instead of failing.
  timeout: 300_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: [
    {
      command: "node e2e/oidc/server.mjs",
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      env: { OIDC_PORT: String(oidcPort), OIDC_REDIRECT_URIS: `${baseURL}/api/auth/callback/sso` },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node e2e/oidc/server.mjs",
      url: `http://127.0.0.1:${orgOidcPort}/acme/.well-known/openid-configuration`,
      env: { OIDC_PORT: String(orgOidcPort), OIDC_TENANTS: "acme,minato", OIDC_REDIRECT_URIS: `${baseURL}/api/auth/callback/sso`, OIDC_REDIRECT_PREFIX: `${baseURL}/api/auth/callback/idp_` },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node scripts/e2e-server.mjs",
      url: `${baseURL}/api/health`,
      env: { E2E_PORT: String(port), E2E_OIDC_PORT: String(oidcPort) },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
    },
  ],
});
