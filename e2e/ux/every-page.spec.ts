import type { Page } from "@playwright/test";
import { expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";
import { expectAccessible, expectFitsWindow } from "./page-checks";

// Every console page, at the narrowest desktop window the console supports (1,280 px): axe-core
// finds no serious or critical violation, and no page is wider than its window. Detail pages are
// reached from their lists (the demo org's cluster, endpoint, statement and invoice).

test.use({ viewport: { width: 1280, height: 900 } });

const ORG_PAGES = [
  "",
  "/shapes",
  "/clusters",
  "/clusters/new",
  "/endpoints",
  "/endpoints/new",
  "/endpoints/models",
  "/attestations",
  "/attestations/verify",
  "/billing",
  "/billing/invoices",
  "/billing/budgets",
  "/audit",
  "/settings",
  "/settings/members",
  "/settings/api-tokens",
  "/settings/residency",
  "/settings/contract",
  "/settings/notifications",
  "/settings/sso",
  "/settings/security",
];

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible();
  // Client-rendered tables and panels settle before the checks read the page.
  await page.waitForLoadState("networkidle");
  await expectAccessible(page, path);
  await expectFitsWindow(page, path);
}

async function firstDetailHref(page: Page, listPath: string, hrefPart: string): Promise<string> {
  await page.goto(listPath);
  const link = page.locator(`main a[href*="${hrefPart}"]`).first();
  await expect(link).toBeVisible(UNTIL_DONE);
  return (await link.getAttribute("href"))!;
}

test("every customer console page is accessible and fits a 1,280 px window", async ({ page }) => {
  await signIn(page, USERS.owner);
  for (const path of ORG_PAGES) await test.step(path || "/", () => visit(page, `/${ORG}${path}`));
  const details = [
    await firstDetailHref(page, `/${ORG}/clusters`, "/clusters/cl_"),
    await firstDetailHref(page, `/${ORG}/endpoints`, "/endpoints/ep_"),
    await firstDetailHref(page, `/${ORG}/attestations`, "/attestations/at_"),
    await firstDetailHref(page, `/${ORG}/billing/invoices`, "/billing/invoices/inv_"),
  ];
  for (const path of details) await test.step(path, () => visit(page, path));
  for (const path of ["/account/security", "/invitations", "/docs/api"]) await test.step(path, () => visit(page, path));
});

test("the account manager's pages are accessible and fit a 1,280 px window", async ({ page }) => {
  await signIn(page, USERS.accountManager);
  for (const path of ["/staff", "/staff/quota-requests", `/staff/accounts/${ORG}`]) await test.step(path, () => visit(page, path));
});
