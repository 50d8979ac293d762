import { expect, ORG, signIn, test, USERS } from "../fixtures";

test("a member signs in with e-mail and password, lands in their org, and signs out", async ({ page }) => {
  await page.goto(`/${ORG}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await signIn(page, USERS.owner);
  await expect(page).toHaveURL(new RegExp(`/${ORG}$`));
  await expect(page.getByTestId("current-org")).toHaveText("ヒノキ自動車株式会社");
  await expect(page.getByRole("navigation", { name: "メインナビゲーション" }).first().getByRole("link", { name: "クラスター" })).toBeVisible();

  await page.getByRole("button", { name: "アカウントメニュー" }).click();
  await page.getByRole("menuitem", { name: "サインアウト" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`/${ORG}/settings`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a wrong password is refused with a message, and the form keeps the e-mail", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("メールアドレス").fill(USERS.viewer);
  await page.getByRole("button", { name: "次へ" }).click();
  await page.getByLabel("パスワード").fill("not-the-password");
  await page.getByRole("button", { name: "サインイン", exact: true }).click();
  await expect(page.getByText("メールアドレスまたはパスワードが正しくありません。")).toBeVisible();
  await expect(page.getByLabel("メールアドレス")).toHaveValue(USERS.viewer);
});

test("switching the language to English changes the whole UI, and back", async ({ page }) => {
  await signIn(page, USERS.developer);
  await page.getByRole("combobox", { name: "言語" }).selectOption("en");
  await expect(page.getByRole("link", { name: "Clusters" }).first()).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto(`/${ORG}/audit`);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByRole("combobox", { name: "Language" }).selectOption("ja");
  await expect(page.getByRole("heading", { name: "監査ログ" })).toBeVisible();
});
