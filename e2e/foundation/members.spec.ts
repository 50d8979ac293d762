import { apiFromPage, expect, ORG, signIn, test, USERS } from "../fixtures";

test("an owner invites a member, who opens the link, creates an account and signs in", async ({ page, browser }) => {
  const email = `new-${Date.now()}@hinoki-motor.example`;
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}/settings/members`);
  await page.getByRole("button", { name: "メンバーを招待" }).click();
  await page.getByRole("dialog").getByLabel("メールアドレス").fill(email);
  await page.getByRole("dialog").getByLabel("ロール").selectOption("viewer");
  await page.getByRole("button", { name: "招待リンクを作成" }).click();
  const link = (await page.getByTestId("secret-value").textContent())!.trim();
  expect(link).toMatch(/\/invite\/hkinv_/);
  await page.getByRole("button", { name: "閉じる" }).first().click();
  await expect(page.getByRole("cell", { name: email })).toBeVisible(); // pending invitations

  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "ヒノキ自動車株式会社 への招待" })).toBeVisible();
  await invitee.getByLabel("お名前").fill("新人 花子");
  await invitee.getByLabel("パスワード（10文字以上）").fill("a-long-password-1");
  await invitee.getByRole("button", { name: "アカウントを作成して参加" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/${ORG}$`));
  await expect(invitee.getByTestId("user-name")).toHaveText("新人 花子");
  await context.close();

  await page.reload();
  const row = page.getByTestId("member-row").filter({ hasText: email });
  await expect(row).toContainText("新人 花子");
  // The link works once.
  const again = await browser.newPage();
  await again.goto(link);
  await expect(again.getByText("この招待リンクは無効か、期限切れか、すでに使用されています。")).toBeVisible();
  await again.close();
});

test("a viewer sees no invite button and the API refuses them with 403", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto(`/${ORG}/settings/members`);
  await expect(page.getByTestId("member-row").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "メンバーを招待" })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: /のロール/ })).toHaveCount(0);
  const response = await apiFromPage(page, `/api/v1/orgs/${ORG}/invitations`, { method: "POST", body: { email: "x@example.com", role: "viewer" } });
  expect(response.status).toBe(403);
  expect(response.body.error.code).toBe("forbidden");
  expect(response.body.error.message).toBe("この操作を行う権限がありません。");
});

test("the last owner cannot be demoted", async ({ page }) => {
  await signIn(page, USERS.owner);
  const me = await apiFromPage(page, "/api/v1/me");
  const response = await apiFromPage(page, `/api/v1/orgs/${ORG}/members/${me.body.user.id}`, { method: "PATCH", body: { role: "admin" } });
  expect(response.status).toBe(422);
  expect(response.body.error.code).toBe("last_owner");
});
