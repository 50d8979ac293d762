import { expect, ORG, signIn, test, USERS } from "../fixtures";

test("an invited person signs in through the OpenID Connect provider and joins the org", async ({ page, browser }) => {
  const login = `sso-${Date.now()}@hinoki-motor.example`;

  // The owner invites the address first: SSO creates the account; the person then accepts.
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}/settings/members`);
  await page.getByRole("button", { name: "メンバーを招待" }).click();
  await page.getByRole("dialog").getByLabel("メールアドレス").fill(login);
  await page.getByRole("dialog").getByLabel("ロール").selectOption("developer");
  await page.getByRole("button", { name: "招待メールを送信" }).click();
  await expect(page.getByRole("heading", { name: "招待メールを送信しました" })).toBeVisible();

  const context = await browser.newContext();
  const sso = await context.newPage();
  await sso.goto("/sign-in");
  await sso.getByRole("button", { name: /Hinoki Test IdP でサインイン/ }).click();
  // The identity provider's own login and consent pages.
  await expect(sso).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await sso.locator('input[name="login"]').fill(login);
  await sso.locator('input[name="password"]').fill("anything");
  await sso.locator('button[type="submit"]').click();
  await sso.locator('button[type="submit"]').click(); // consent
  // Signing in joins nothing by itself: the person accepts the invitation they were shown.
  await expect(sso).toHaveURL(/\/invitations$/);
  await sso.getByTestId("received-invitation").getByRole("button", { name: "承認して参加" }).click();
  await expect(sso).toHaveURL(new RegExp(`/${ORG}$`));
  await expect(sso.getByTestId("current-org")).toHaveText("ヒノキ自動車株式会社");
  await expect(sso.getByTestId("user-name")).toHaveText(/SSO sso-/);
  await context.close();

  await page.goto(`/${ORG}/audit?action=member.join`);
  await expect(page.getByTestId("audit-row").first()).toContainText(login);
});
