import { apiFromPage, expect, ORG, signIn, test, USERS } from "../fixtures";

test("a viewer sees no invite button and the API refuses them with 403", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto(`/${ORG}/settings/members`);
  await expect(page.getByTestId("member-row").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "メンバーを招待" })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: /のロール/ })).toHaveCount(0);
  const response = await apiFromPage(page, `/api/v1/orgs/${ORG}/invitations`, { method: "POST", body: { email: "x@example.com", role: "viewer" } });
  expect(response.status).toBe(403);
  expect(response.body.error.code).toBe("forbidden");
  expect(response.body.error.message).toBe("この操作を行う権限がありません。必要な場合は、組織のオーナーまたは管理者にご依頼ください。");
});

test("the last owner cannot be demoted", async ({ page }) => {
  await signIn(page, USERS.owner);
  const me = await apiFromPage(page, "/api/v1/me");
  const response = await apiFromPage(page, `/api/v1/orgs/${ORG}/members/${me.body.user.id}`, { method: "PATCH", body: { role: "admin" } });
  expect(response.status).toBe(422);
  expect(response.body.error.code).toBe("last_owner");
});
