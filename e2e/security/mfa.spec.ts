import { apiFromPage, DEMO_PASSWORD, expect, forgetTotp, nextTotpCode, ORG, setUpTotp, signIn, test, USERS } from "../fixtures";
import type { Page } from "@playwright/test";
import { serverErrorsSince, serverLogMark } from "../server-log";

// Two-step verification and the org sign-in policy, as people meet them. Codes are computed here
// from the secret the page shows, with the same library an authenticator app uses.

// Each journey signs in several times over (and waits for fresh 30-second code steps); on a
// shared two-core machine that takes longer than the default budget.
const JOURNEY_TIMEOUT_MS = 300_000;

async function passwordStep(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByRole("button", { name: "次へ" }).click();
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "サインイン", exact: true }).click();
  await expect(page.getByRole("heading", { name: "2段階認証" })).toBeVisible();
}

async function submitCode(page: Page, code: string) {
  await page.getByLabel("確認コード").fill(code);
  await page.getByRole("button", { name: "確認してサインイン" }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "アカウントメニュー" }).click();
  await page.getByRole("menuitem", { name: "サインアウト" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test("a member sets up an authenticator, signs in with a code, and a recovery code works once", async ({ page }) => {
  test.setTimeout(JOURNEY_TIMEOUT_MS);
  const email = USERS.billing;
  await signIn(page, email);
  await page.getByRole("button", { name: "アカウントメニュー" }).click();
  await page.getByRole("menuitem", { name: "セキュリティ（2段階認証）" }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByText("無効", { exact: true })).toBeVisible();

  const recoveryCodes = await setUpTotp(page, email);
  expect(recoveryCodes).toHaveLength(10);
  // The QR code is drawn by the console itself (a data: URL; the fixture fails on any other host).
  await page.getByRole("button", { name: "コードでサインインし直す" }).waitFor();
  await expect(page.getByText("2段階認証は有効ですが、このセッションはパスワードだけでサインインしています。").first()).toBeVisible();

  // Signing in again: the password alone issues no session; a wrong code is refused; the app's code lets them in.
  await page.getByRole("button", { name: "コードでサインインし直す" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await passwordStep(page, email);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await submitCode(page, "000000");
  await expect(page.getByText("コードが正しくありません。")).toBeVisible();
  const code = await nextTotpCode(email);
  await submitCode(page, code);
  await expect(page).toHaveURL(new RegExp(`/${ORG}$`));
  await page.goto("/account/security");
  await expect(page.getByTestId("session-method")).toHaveText("このセッションのサインイン方法: パスワード＋確認コード");
  await expect(page.getByTestId("recovery-remaining")).toHaveText("未使用のリカバリーコード: 10個");

  // The same code again, within its window: refused as used.
  await signOut(page);
  await passwordStep(page, email);
  await submitCode(page, code);
  await expect(page.getByText("このコードはすでに使用されています。次のコードが表示されるまでお待ちください。")).toBeVisible();

  // A recovery code instead of the app: once.
  await submitCode(page, recoveryCodes[0]);
  await expect(page).toHaveURL(new RegExp(`/${ORG}$`));
  await page.goto("/account/security");
  await expect(page.getByTestId("recovery-remaining")).toHaveText("未使用のリカバリーコード: 9個");
  await signOut(page);
  await passwordStep(page, email);
  await submitCode(page, recoveryCodes[0]);
  await expect(page.getByText("コードが正しくありません。")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  // The org's audit log shows it, and the person turns MFA off again with their password.
  await submitCode(page, await nextTotpCode(email));
  await expect(page).toHaveURL(new RegExp(`/${ORG}$`));
  await page.goto("/account/security");
  await page.getByRole("button", { name: "2段階認証を無効にする" }).click();
  const dialog = page.getByRole("dialog", { name: "2段階認証を無効にする" });
  await dialog.getByLabel("パスワードで").check();
  await dialog.getByLabel("パスワード", { exact: true }).fill("not the password");
  await dialog.getByRole("button", { name: "実行", exact: true }).click();
  await expect(dialog.getByText("確認コードまたはパスワードが正しくないか、すでに使用されています。もう一度入力してください。")).toBeVisible();
  await dialog.getByLabel("パスワード", { exact: true }).fill(DEMO_PASSWORD);
  await dialog.getByRole("button", { name: "実行", exact: true }).click();
  await expect(page.getByText("2段階認証を無効にしました")).toBeVisible();
  forgetTotp(email);
  await expect(page.getByText("無効", { exact: true })).toBeVisible();
});

test.describe("an org that requires two-step verification", () => {
  test.afterAll(async ({ browser }) => {
    // Leave the demo org as it was for the journeys that follow.
    const page = await (await browser.newContext()).newPage();
    await signIn(page, USERS.owner);
    await apiFromPage(page, `/api/v1/orgs/${ORG}/sign-in-policy`, { method: "PUT", body: { requirement: "none" } });
    await page.context().close();
  });

  test("stops a member without it (pages and API), not tokens, and lets them in after setup", async ({ page, browser }) => {
    test.setTimeout(JOURNEY_TIMEOUT_MS);
    // The owner cannot require what their own session does not meet…
    await signIn(page, USERS.owner);
    await page.goto(`/${ORG}/settings`);
    await page.getByRole("link", { name: "サインインポリシー" }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/settings/security$`));
    await page.getByLabel("2段階認証を必須にする").check();
    await page.getByRole("button", { name: "ポリシーを保存" }).click();
    await page.getByRole("dialog", { name: "サインインポリシーを変更しますか？" }).getByRole("button", { name: "変更", exact: true }).click();
    await expect(page.getByText("あなた自身のこのセッションがこのポリシーを満たしていません。")).toBeVisible();

    // …so they set up their own first, sign in with it, and then require it.
    await page.goto("/account/security");
    await setUpTotp(page, USERS.owner);
    await page.getByRole("button", { name: "コードでサインインし直す" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await signIn(page, USERS.owner);
    await page.goto(`/${ORG}/settings/security`);
    await page.getByLabel("2段階認証を必須にする").check();
    await page.getByRole("button", { name: "ポリシーを保存" }).click();
    const confirm = page.getByRole("dialog", { name: "サインインポリシーを変更しますか？" });
    await expect(confirm).toContainText("名のメンバーは、2段階認証を設定してサインインし直すまで組織を利用できなくなります。");
    await confirm.getByRole("button", { name: "変更", exact: true }).click();
    await expect(page.getByText("サインインポリシーを保存しました")).toBeVisible();
    const token = await apiFromPage(page, `/api/v1/orgs/${ORG}/api-tokens`, { method: "POST", body: { name: "policy-check", role: "viewer", expiresInDays: 1 } });
    expect(token.status).toBe(201);
    await page.goto(`/${ORG}/audit?action=sign_in_policy.update`);
    await expect(page.getByTestId("audit-row").first()).toBeVisible();

    // A developer signed in with a password only reaches nothing of the org, and is told why.
    const devContext = await browser.newContext();
    const dev = await devContext.newPage();
    const mark = serverLogMark();
    await signIn(dev, USERS.developer);
    await expect(dev).toHaveURL(new RegExp(`/account/org-access/${ORG}$`));
    await expect(dev.getByRole("heading", { name: "ヒノキ自動車株式会社 には2段階認証が必要です" })).toBeVisible();
    await dev.goto(`/${ORG}/clusters`);
    await expect(dev).toHaveURL(new RegExp(`/account/org-access/${ORG}$`));
    const refused = await apiFromPage(dev, `/api/v1/orgs/${ORG}/clusters`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("org_requires_mfa");
    // Sent to say why on purpose: nothing of it is a server error in the operator's log.
    expect(serverErrorsSince(mark)).toEqual([]);
    // Automation with an API token is not a person: it keeps working.
    const byToken = await dev.request.get(`/api/v1/orgs/${ORG}/clusters`, { headers: { Authorization: `Bearer ${token.body.secret}` } });
    expect(byToken.status()).toBe(200);

    // The way in: set up MFA, sign in again with a code, and the org opens.
    await dev.getByRole("link", { name: "2段階認証を設定" }).click();
    await expect(dev.getByText("ヒノキ自動車株式会社 では2段階認証でのサインインが必要です。")).toBeVisible();
    await setUpTotp(dev, USERS.developer);
    await dev.getByRole("button", { name: "コードでサインインし直す" }).click();
    await expect(dev).toHaveURL(/\/sign-in\?callbackUrl=%2Fhinoki-motor/);
    await dev.getByLabel("メールアドレス").fill(USERS.developer);
    await dev.getByRole("button", { name: "次へ" }).click();
    await dev.getByLabel("パスワード").fill(DEMO_PASSWORD);
    await dev.getByRole("button", { name: "サインイン", exact: true }).click();
    await dev.getByLabel("確認コード").fill(await nextTotpCode(USERS.developer));
    await dev.getByRole("button", { name: "確認してサインイン" }).click();
    await expect(dev).toHaveURL(new RegExp(`/${ORG}$`));
    await expect(dev.getByTestId("current-org")).toHaveText("ヒノキ自動車株式会社");
    expect((await apiFromPage(dev, `/api/v1/orgs/${ORG}/clusters`)).status).toBe(200);
    await devContext.close();
  });
});
