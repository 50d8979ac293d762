import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";
import { workerServers } from "../worker-servers";
import { expectAccessible, expectFitsWindow } from "./page-checks";

// Every console page, at the narrowest desktop window the console supports (1,280 px): axe-core
// finds no serious or critical violation, and no page is wider than its window. One test per
// page, so a failure names the page; the signed-in session is made once per role and reused.
// Detail pages are reached from their lists (the demo org's cluster, endpoint, statement, invoice).

test.use({ viewport: { width: 1280, height: 900 } });

const ORG_PAGES = [
  "",
  "/shapes",
  "/clusters",
  "/clusters/new",
  "/endpoints",
  "/endpoints/new",
  "/endpoints/models",
  "/endpoints/adapters",
  "/attestations",
  "/attestations/verify",
  "/billing",
  "/billing/invoices",
  "/billing/budgets",
  "/reservations",
  "/operations",
  "/audit",
  "/settings",
  "/settings/members",
  "/settings/api-tokens",
  "/settings/residency",
  "/settings/approvals",
  "/settings/contract",
  "/settings/notifications",
  "/settings/sso",
  "/settings/security",
  "/status",
].map((p) => `/${ORG}${p}`);
const ACCOUNT_PAGES = ["/account/security", "/invitations", "/docs/api"];
const DETAIL_LISTS: Array<[list: string, hrefPart: string]> = [
  [`/${ORG}/clusters`, "/clusters/cl_"],
  [`/${ORG}/endpoints`, "/endpoints/ep_"],
  [`/${ORG}/attestations`, "/attestations/at_"],
  [`/${ORG}/billing/invoices`, "/billing/invoices/inv_"],
];
const STAFF_PAGES = ["/staff", "/staff/quota-requests", "/staff/approval-requests", `/staff/accounts/${ORG}`];

// Per worker: each worker signs in on its own console (e2e/worker-servers.ts).
const sessionFile = (role: string) => path.join(__dirname, "..", "..", "test-results", `ux-session-${role}-${workerServers().port}.json`);

async function saveSession(browser: Browser, email: string, role: string): Promise<void> {
  // A fresh context without the session file the tests below read (it does not exist yet).
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, email);
  await context.storageState({ path: sessionFile(role) });
  await context.close();
}

/** Opens the page and waits until it has settled: its heading shown and no skeleton left. */
async function settle(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator("main h1").first()).toBeVisible();
  // Queries answer slowly on a loaded machine (the cost explorer's six): wait for the real state.
  await expect(page.locator("main .animate-pulse")).toHaveCount(0, UNTIL_DONE);
}

async function check(page: Page, url: string): Promise<void> {
  await settle(page, url);
  await expectAccessible(page, url);
  await expectFitsWindow(page, url);
}

test.describe("customer console", () => {
  test.beforeAll(async ({ browser }) => saveSession(browser, USERS.owner, "owner"));
  test.use({ storageState: sessionFile("owner") });

  for (const url of [...ORG_PAGES, ...ACCOUNT_PAGES]) {
    test(`${url} is accessible and fits a 1,280 px window`, async ({ page }) => check(page, url));
  }

  for (const [list, hrefPart] of DETAIL_LISTS) {
    test(`the first ${hrefPart.split("/").slice(-2, -1)[0]} detail page is accessible and fits a 1,280 px window`, async ({ page }) => {
      await settle(page, list);
      const link = page.locator(`main a[href*="${hrefPart}"]`).first();
      await expect(link).toBeVisible(UNTIL_DONE);
      await check(page, (await link.getAttribute("href"))!);
    });
  }
});

test.describe("account manager", () => {
  test.beforeAll(async ({ browser }) => saveSession(browser, USERS.accountManager, "staff"));
  test.use({ storageState: sessionFile("staff") });

  for (const url of STAFF_PAGES) {
    test(`${url} is accessible and fits a 1,280 px window`, async ({ page }) => check(page, url));
  }
});
