import { apiFromPage, expect, ORG, OTHER_ORG, signIn, test, USERS } from "../fixtures";
import { serverErrorsSince, serverLogMark } from "../server-log";

test("a member of one org gets 404 for another org's pages and API, like for an org that does not exist", async ({ page }) => {
  await signIn(page, USERS.owner);
  const mark = serverLogMark();
  for (const path of [`/${OTHER_ORG}`, `/${OTHER_ORG}/settings`, `/${OTHER_ORG}/settings/members`, `/${OTHER_ORG}/audit`, "/no-such-org"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByText("ページが見つかりません")).toBeVisible();
  }
  for (const path of [`/api/v1/orgs/${OTHER_ORG}`, `/api/v1/orgs/${OTHER_ORG}/members`, `/api/v1/orgs/does-not-exist/members`]) {
    const response = await apiFromPage(page, path);
    expect(response.status, path).toBe(404);
    expect(response.body.error.code).toBe("not_found");
  }
  // A 404 on purpose is not a server error in the operator's log.
  expect(serverErrorsSince(mark)).toEqual([]);
});

test("customers never reach the staff area; an account manager sees only assigned accounts", async ({ page, browser }) => {
  await signIn(page, USERS.owner);
  const mark = serverLogMark();
  expect((await page.goto("/staff"))?.status()).toBe(404);
  expect((await apiFromPage(page, "/api/v1/staff/accounts")).status).toBe(404);

  const context = await browser.newContext();
  const am = await context.newPage();
  await signIn(am, USERS.accountManager);
  await am.goto("/staff");
  await expect(am.getByTestId("staff-account-row")).toHaveCount(1);
  await expect(am.getByTestId("staff-account-row")).toContainText("ヒノキ自動車株式会社");
  expect((await am.goto(`/${OTHER_ORG}`))?.status()).toBe(404);
  expect(serverErrorsSince(mark)).toEqual([]);
  await am.goto(`/${ORG}`);
  await expect(am.getByRole("note")).toContainText("担当者として閲覧中");
  await context.close();

  // The customer sees that staff looked.
  await page.goto(`/${ORG}/audit?action=staff.view`);
  await expect(page.getByTestId("audit-row").first()).toContainText("Hinoki担当者");
});
