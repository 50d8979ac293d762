import type { Browser, Page } from "@playwright/test";
import { apiFromPage, DEMO_PASSWORD, expect, nextTotpCode, ORG, OTHER_ORG, signIn, test, USERS } from "../fixtures";
import { workerServers } from "../worker-servers";

// Issue 14, items 2 and 3, against real OpenID Connect providers on loopback: the platform's
// staff IdP and the customers' own IdPs, one tenant per org (this worker's, e2e/worker-servers.ts).

const orgIdpPort = workerServers().orgOidcPort;
const tenantIssuer = (tenant: string) => `http://127.0.0.1:${orgIdpPort}/${tenant}`;

/** The test IdP's own login and consent pages: any login name, the e-mail is the login. */
async function loginAtIdp(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/(?:[a-z]+\/)?interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').click(); // consent
}

/** A fresh browser (no console or IdP session) signing in through the staff IdP as `login`. */
async function throughStaffIdp(browser: Browser, login: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: /Hinoki Test IdP でサインイン（Hinokiスタッフ）/ }).click();
  await loginAtIdp(page, login);
  return { page, close: () => context.close() };
}

/** A fresh browser entering `email` on the sign-in page (home-realm discovery), then `login` at the IdP it is sent to. */
async function throughHomeRealm(browser: Browser, email: string, login = email): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByRole("button", { name: "次へ" }).click();
  await loginAtIdp(page, login);
  return { page, close: () => context.close() };
}

test("the staff IdP no longer signs in as the platform admin or a customer by e-mail match (the issue's reproduction)", async ({ browser }) => {
  for (const login of [USERS.platformAdmin, "Admin@hinoki.example"]) {
    const { page, close } = await throughStaffIdp(browser, login);
    // No session: the account's owner must prove the password to link this identity.
    await expect(page).toHaveURL(/\/sign-in\/link$/);
    await expect(page.getByRole("heading", { name: "IDの連携" })).toBeVisible();
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/sign-in/);
    await close();
  }
  const { page, close } = await throughStaffIdp(browser, USERS.owner);
  await expect(page).toHaveURL(/\/sign-in\?error=sso_staff_only/);
  await expect(page.getByText("このIDプロバイダーはHinokiスタッフ専用です。メールアドレスを入力してサインインしてください。")).toBeVisible();
  await page.goto(`/${ORG}`);
  await expect(page).toHaveURL(/\/sign-in/);
  await close();
});

test("staff link their identity once with their password; afterwards that subject signs in and no other", async ({ browser }) => {
  const { page, close } = await throughStaffIdp(browser, USERS.accountManager);
  await expect(page).toHaveURL(/\/sign-in\/link$/);
  await expect(page.getByLabel("連携先のアカウント")).toHaveValue(USERS.accountManager);
  await page.getByLabel("パスワード").fill("not-the-password");
  await page.getByRole("button", { name: "パスワードを確認して連携" }).click();
  await expect(page.getByText("パスワードが正しくありません。")).toBeVisible();
  await page.getByLabel("パスワード").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "パスワードを確認して連携" }).click();
  // An account with two-step verification (staff set it up at their first sign-in) proves that too.
  const codeField = page.getByLabel("確認コード");
  await expect(async () => {
    if (!(await codeField.isVisible()) && /\/sign-in\/link/.test(new URL(page.url()).pathname)) throw new Error("still linking");
  }).toPass();
  if (await codeField.isVisible()) {
    await codeField.fill(await nextTotpCode(USERS.accountManager));
    await page.getByRole("button", { name: "パスワードを確認して連携" }).click();
  }
  await expect(page).toHaveURL(/\/staff/);
  await close();

  const again = await throughStaffIdp(browser, USERS.accountManager);
  await expect(again.page).toHaveURL(/\/staff/);
  await again.close();

  const impostor = await throughStaffIdp(browser, "AM@hinoki.example");
  await expect(impostor.page).toHaveURL(/\/sign-in\?error=sso_subject_mismatch/);
  await impostor.close();
});

test("each org's people sign in through their own IdP; a login asserting the other org's domain is refused", async ({ page, browser }) => {
  test.setTimeout(420_000); // eight sign-ins through real IdPs, each in a fresh browser
  const stamp = Date.now().toString(36);
  const motorDomain = `motor-${stamp}.example`;
  const minatoDomain = `minato-${stamp}.example`;

  // The platform verifies each org's domain (staff page for one, staff API for the other).
  await signIn(page, USERS.platformAdmin);
  await page.goto(`/staff/accounts/${ORG}`);
  await page.getByLabel("ドメイン").fill(motorDomain);
  await page.getByRole("button", { name: "確認済みにする" }).click();
  await expect(page.getByTestId("account-domain").filter({ hasText: motorDomain })).toContainText("パスワード");
  expect((await apiFromPage(page, `/api/v1/staff/accounts/${OTHER_ORG}/domains`, { method: "POST", body: { domain: minatoDomain } })).status).toBe(201);
  expect((await apiFromPage(page, `/api/v1/staff/accounts/${OTHER_ORG}/domains`, { method: "POST", body: { domain: motorDomain } })).status).toBe(409);

  // ヒノキ自動車's owner registers its IdP in Settings → シングルサインオン, new people as developers.
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signIn(ownerPage, USERS.owner);
  await ownerPage.goto(`/${ORG}/settings`);
  await ownerPage.getByRole("link", { name: "シングルサインオン" }).click();
  await expect(ownerPage.getByTestId("verified-domain").filter({ hasText: motorDomain })).toContainText("未設定");
  await ownerPage.getByRole("button", { name: "IDプロバイダーを追加" }).first().click();
  const dialog = ownerPage.getByRole("dialog");
  await dialog.getByLabel("表示名").fill("ヒノキ自動車 社内 IdP");
  await dialog.getByLabel("発行者（Issuer）URL").fill(tenantIssuer("acme"));
  await dialog.getByLabel("クライアントID").fill("acme-console");
  await dialog.getByLabel("クライアントシークレット").fill("acme-e2e-secret");
  await dialog.getByLabel(motorDomain).check();
  await dialog.getByLabel("新しいメンバーの既定ロール").selectOption("developer");
  await dialog.getByRole("button", { name: "登録" }).click();
  await expect(ownerPage.getByText("IDプロバイダーを登録しました")).toBeVisible();
  const motorIdp = ownerPage.getByTestId("identity-provider").filter({ hasText: "ヒノキ自動車 社内 IdP" });
  await expect(motorIdp).toContainText("保存済み（非表示）");
  await expect(motorIdp).not.toContainText("acme-e2e-secret");
  await expect(motorIdp.getByTestId("redirect-uri")).toContainText("/api/auth/callback/idp_");

  // みなと精密's owner registers theirs through the API, with no default role.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, USERS.otherOwner);
  const registered = await apiFromPage(otherPage, `/api/v1/orgs/${OTHER_ORG}/identity-providers`, {
    method: "POST",
    body: { name: "みなと精密 IdP", issuer: tenantIssuer("minato"), clientId: "minato-console", clientSecret: "minato-e2e-secret", domains: [minatoDomain] },
  });
  expect(registered.status).toBe(201);
  expect(JSON.stringify(registered.body)).not.toContain("minato-e2e-secret");
  // A domain the org was not given is refused.
  expect((await apiFromPage(otherPage, `/api/v1/orgs/${OTHER_ORG}/identity-providers/${registered.body.id}`, { method: "PATCH", body: { domains: [motorDomain] } })).status).toBe(422);

  // A person of ヒノキ自動車's domain is sent to its IdP and lands in the org as a developer.
  const taro = await throughHomeRealm(browser, `taro@${motorDomain}`);
  await expect(taro.page).toHaveURL(new RegExp(`/${ORG}$`));
  await expect(taro.page.getByTestId("current-org")).toHaveText("ヒノキ自動車株式会社");
  await taro.close();

  // A person of みなと精密's domain gets in through みなと精密's IdP: an account, no membership.
  const hanako = await throughHomeRealm(browser, `hanako@${minatoDomain}`);
  await expect(hanako.page.getByText("組織がありません")).toBeVisible();
  await hanako.close();

  // At ヒノキ自動車's IdP, a login asserting みなと精密's domain is refused — and so is an unverified e-mail.
  const spy = await throughHomeRealm(browser, `someone@${motorDomain}`, `spy@${minatoDomain}`);
  await expect(spy.page).toHaveURL(/\/sign-in\?error=sso_domain_not_allowed/);
  await expect(spy.page.getByText("このIDプロバイダーは、このメールアドレスのドメインについて認証できません。", { exact: false })).toBeVisible();
  await spy.page.goto(`/${OTHER_ORG}`);
  await expect(spy.page).toHaveURL(/\/sign-in/);
  await spy.close();
  const unverified = await throughHomeRealm(browser, `jiro@${motorDomain}`, `unverified:jiro@${motorDomain}`);
  await expect(unverified.page).toHaveURL(/\/sign-in\?error=sso_email_not_verified/);
  await unverified.close();

  // A customer's IdP never signs in the platform's staff, nor an existing account by e-mail match.
  const staffViaCustomer = await throughHomeRealm(browser, `x@${motorDomain}`, USERS.platformAdmin);
  await expect(staffViaCustomer.page).toHaveURL(/\/sign-in\?error=sso_domain_not_allowed/);
  await staffViaCustomer.close();

  // The org's own log shows the registration, the people who came in and the refusal.
  await ownerPage.goto(`/${ORG}/audit?action=sso.`);
  await expect(ownerPage.getByTestId("audit-row").filter({ hasText: "sso.provider.create" })).toHaveCount(1);
  await expect(ownerPage.getByTestId("audit-row").filter({ hasText: "sso.domain.verify" })).toHaveCount(1);
  await expect(ownerPage.getByTestId("audit-row").filter({ hasText: "sso.sign_in_refused" }).first()).toBeVisible();

  // Deleting the IdP (with confirmation) sends the domain's people back to the password.
  await ownerPage.goto(`/${ORG}/settings/sso`);
  await ownerPage.getByTestId("identity-provider").filter({ hasText: "ヒノキ自動車 社内 IdP" }).getByRole("button", { name: "削除" }).click();
  await ownerPage.getByRole("dialog").getByRole("button", { name: "削除" }).click();
  await expect(ownerPage.getByText("IDプロバイダーを削除しました")).toBeVisible();
  const discovery = await apiFromPage(ownerPage, "/api/v1/sign-in/discovery", { method: "POST", body: { email: `taro@${motorDomain}` } });
  expect(discovery.body).toEqual({ method: "password" });
  expect((await apiFromPage(otherPage, `/api/v1/orgs/${OTHER_ORG}/identity-providers/${registered.body.id}`, { method: "DELETE" })).status).toBe(204);
  await owner.close();
  await other.close();
});
