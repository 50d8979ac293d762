import { defineConfig } from "@playwright/test";

// Journeys against the production build, in Debian's Chromium (Playwright cannot download its
// own browser here). Each worker starts its own console and IdPs on its own ports and data
// directory (e2e/worker-servers.ts, the `servers` fixture in e2e/fixtures.ts), so the journeys
// run as they did on one worker with one console, two or more at a time.
//
// Two workers by default (E2E_WORKERS): measured (README, "Where the time goes"), one worker keeps
// less than one of the two cores busy, mostly in Chromium; a third worker would not pay here.
// A file stays on one worker, in order (fullyParallel: false): the tests of a file build on each
// other's state (sign in once, then each page), and the files are handed out to free workers.
const workers = Number(process.env.E2E_WORKERS ?? 2);

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts/,
  // A guard against a hung journey, not a speed budget: waits on simulated work follow its real
  // state (UNTIL_DONE in e2e/fixtures.ts), so a slower machine takes longer instead of failing.
  timeout: 300_000,
  expect: { timeout: 15_000 },
  workers,
  fullyParallel: false,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
});
