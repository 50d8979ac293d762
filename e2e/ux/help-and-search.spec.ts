import { apiFromPage, expect, ORG, signIn, test, USERS } from "../fixtures";
import { expectAccessible } from "./page-checks";

// Issue 23 §3, as a person finds their way: the header search by keyboard over the org's
// resources and the console's pages, the ヘルプ menu whose support contact carries the request
// id an error just quoted, and the 稼働状況 page. The demo org has the cluster "prod-training".

test("「/」 opens the search; typing finds the org's cluster by name and Enter opens it", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}`);
  await page.locator("main h1").first().waitFor();
  await page.keyboard.press("/");
  const box = page.getByRole("combobox", { name: "検索" });
  await expect(box).toBeFocused();
  await box.fill("prod-tra");
  const option = page.getByRole("option", { name: /prod-training/ });
  await expect(option).toBeVisible();
  await expect(option).toContainText("クラスター");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page, "the open search");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/${ORG}/clusters/cl_`));
  await expect(page.getByTestId("breadcrumbs")).toContainText("prod-training");

  // ⌘K / Ctrl+K from anywhere, pages by their name; the arrows move the choice; Esc closes.
  await page.keyboard.press("Control+k");
  await expect(box).toBeFocused();
  await box.fill("監査");
  await expect(page.getByRole("option", { name: /監査ログ/ })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Escape");
  await expect(box).toHaveCount(0);
  await page.getByTestId("search-trigger").click();
  await box.fill("audit");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/${ORG}/audit$`));

  // A slash typed into a field is a slash, not the search.
  await page.goto(`/${ORG}/clusters`);
  const filter = page.getByRole("searchbox").or(page.getByRole("textbox")).first();
  await filter.fill("a/b");
  await expect(filter).toHaveValue("a/b");
  await expect(page.getByRole("combobox", { name: "検索" })).toHaveCount(0);
});

test("the search finds only this org's resources: another org's cluster is not offered", async ({ page }) => {
  await signIn(page, USERS.otherOwner);
  await page.goto(`/minato-seimitsu`);
  await page.locator("main h1").first().waitFor();
  await page.keyboard.press("/");
  const box = page.getByRole("combobox", { name: "検索" });
  await box.fill("prod-training");
  await expect(page.getByText("「prod-training」に一致するものはありません")).toBeVisible();
  await expect(page.getByRole("option")).toHaveCount(0);
});

test("the ヘルプ menu's support contact carries the request id the error message just quoted", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}/settings/members`);
  await page.getByRole("button", { name: "メンバーを招待" }).click();
  const dialog = page.getByRole("dialog");
  // Already a member: the server refuses, and the message quotes its request id.
  await dialog.getByLabel("メールアドレス").fill(USERS.developer);
  await dialog.getByRole("button", { name: "招待メールを送信" }).click();
  const alert = dialog.getByRole("alert");
  await expect(alert).toContainText("リクエストID");
  const requestId = /リクエストID: ([^）]+)）/.exec((await alert.textContent()) ?? "")?.[1];
  expect(requestId).toBeTruthy();
  await page.keyboard.press("Escape");

  await page.getByTestId("help-menu").click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "APIリファレンス" })).toHaveAttribute("href", "/docs/api");
  await expect(menu.getByRole("menuitem", { name: "CLI・SDKの使い方" })).toHaveAttribute("href", "/docs/api#cli");
  await expectAccessible(page, "the open help menu");
  const support = menu.getByTestId("help-support");
  await expect(support).toContainText(`リクエストID ${requestId} を記載します`);
  const mail = new URL((await support.getAttribute("href"))!);
  expect(mail.protocol).toBe("mailto:");
  expect(mail.searchParams.get("body")).toContain(`リクエストID: ${requestId}`);
  expect(mail.searchParams.get("body")).toContain(`組織: ${ORG}`);

  await menu.getByRole("menuitem", { name: "稼働状況" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/status$`));
  await expect(page.getByRole("heading", { level: 1, name: "稼働状況" })).toBeVisible();
  await expect(page.getByTestId("status-summary")).toHaveText("すべてのサービスは正常に稼働しています");
  for (const part of ["console", "database", "controlPlane"]) await expect(page.getByTestId(`status-${part}`)).toContainText("正常");
  await page.getByRole("button", { name: "再確認" }).click();
  await expect(page.getByText(/最終確認: \d{4}年/)).toBeVisible();
});

test("a reservation's page carries breadcrumbs back to the list and its id to copy", async ({ page }) => {
  await signIn(page, USERS.owner);
  // A reservation starting next month: pending, so it is cancelled again below and holds nothing.
  const start = new Date(Date.now() + 40 * 24 * 3600 * 1000 + 9 * 3600 * 1000).toISOString().slice(0, 10);
  const ordered = await apiFromPage(page, `/api/v1/orgs/${ORG}/reservations`, { method: "POST", body: { shapeId: "h200-8x", zoneId: "jp-tokyo-1a", count: 1, term: "1w", startDate: start } });
  expect(ordered.status, JSON.stringify(ordered.body)).toBe(202);
  const id: string = ordered.body.target.id;
  try {
    await page.goto(`/${ORG}/reservations/${id}`);
    const crumbs = page.getByTestId("breadcrumbs");
    await expect(crumbs).toHaveText(/^ヒノキ自動車株式会社.*キャパシティ予約.*h200-8x × 1/);
    await expect(page.getByRole("main").getByText(id)).toBeVisible();
    await expect(page.getByRole("button", { name: "IDをコピー" })).toBeVisible();
    await crumbs.getByRole("link", { name: "キャパシティ予約" }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/reservations$`));
  } finally {
    await apiFromPage(page, `/api/v1/orgs/${ORG}/reservations/${id}`, { method: "DELETE" });
  }
});
