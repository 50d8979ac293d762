import { MESSAGES } from "../../lib/i18n/messages";
import { expect, ORG, signIn, test, USERS } from "../fixtures";

const ja = MESSAGES.ja;

// Issue 21: every console page's HTML carried the whole message catalog for the browser, 90 % of
// the overview's HTML. A page now carries the strings of its own area and the shell's; moving
// to another area by its link brings that area's strings, and no page shows a key instead of
// words (the fixtures fail any journey where a message is missing, in the browser or the server).

test("a page's HTML carries its own area's strings, and moving between areas keeps every word", async ({ page }) => {
  await signIn(page, USERS.owner);
  const overview = await (await page.request.get(`/${ORG}`)).text();
  expect(overview).toContain(ja.overview.title);
  // Strings only other areas' browser code uses: the billing page's, the clusters page's, settings'.
  for (const elsewhere of [ja.billing.description, ja.clusters.description, ja.settings.members.inviteDescription]) expect(overview).not.toContain(elsewhere);

  const billing = await (await page.request.get(`/${ORG}/billing`)).text();
  expect(billing).toContain(ja.billing.description);

  // In the browser, from the overview to billing and to clusters by the side navigation (the
  // layouts above stay; each area's layout adds its strings), then back.
  await page.goto(`/${ORG}`);
  await expect(page.getByRole("heading", { name: ja.overview.title, level: 1 })).toBeVisible();
  const nav = page.getByRole("navigation", { name: ja.nav.mainNavigation });
  await nav.getByRole("link", { name: ja.nav.billing }).click();
  await expect(page.getByText(ja.billing.description)).toBeVisible();
  await expect(page.getByRole("navigation", { name: ja.billing.tabs.label }).getByRole("link", { name: ja.billing.tabs.invoices, exact: true })).toBeVisible();
  await nav.getByRole("link", { name: ja.nav.clusters }).click();
  await expect(page.getByText(ja.clusters.description)).toBeVisible();
  await expect(page.getByRole("link", { name: ja.clusters.create, exact: true }).first()).toBeVisible();
  await nav.getByRole("link", { name: ja.nav.overview }).click();
  await expect(page.getByRole("heading", { name: ja.overview.title, level: 1 })).toBeVisible();
});
