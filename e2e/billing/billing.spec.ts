import { readFile } from "node:fs/promises";
import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";

// Billing as people use it: the billing member watches this month's spend rise while the demo
// cluster runs, opens last month's qualified invoice and downloads its PDF and CSV; exports FOCUS;
// an owner sets a budget whose alert lights the bell; a developer sees no money at all.

function yen(text: string | null): number {
  return Number((text ?? "").replace(/[^\d]/g, ""));
}

/** Last month in JST as the console writes it ("2026年10月") and as an API month ("2026-10"). */
function lastMonth(): { label: string; month: string } {
  const jst = new Date(Date.now() + 9 * 3600_000);
  const d = new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth() - 1, 1));
  return { label: `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`, month: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}` };
}

test("the billing member sees month-to-date cost rise while a cluster runs, then downloads last month's invoice", async ({ page }) => {
  await signIn(page, USERS.billing);
  await page.getByRole("link", { name: "請求・コスト" }).first().click();
  await expect(page.getByRole("heading", { name: "請求・コスト", level: 1 })).toBeVisible();
  const mtd = page.getByTestId("month-to-date");
  await expect(mtd).toHaveText(/¥[\d,]+/);
  const start = yen(await mtd.textContent());
  // The demo cluster "prod-training" is metered while it runs; the page refreshes by itself.
  await expect.poll(async () => yen(await mtd.textContent()), { ...UNTIL_DONE, intervals: [2_000] }).toBeGreaterThan(start);
  await expect(page.getByTestId("forecast")).toHaveText(/¥[\d,]+/);
  // Charts have their numbers in tables beside them.
  await expect(page.getByRole("table").filter({ hasText: "日付" }).first()).toBeVisible();
  await expect(page.getByTestId("resource-costs")).toContainText("GPU時間");

  await page.getByRole("link", { name: "請求書", exact: true }).click();
  const { label } = lastMonth();
  const row = page.getByTestId("invoice-row").filter({ hasText: label });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/入金待ち|期日超過・未入金|入金済み/);
  await row.getByRole("link").first().click();
  await expect(page.getByTestId("registration-number")).toHaveText("T9010401123456");
  await expect(page.getByText("ヒノキ自動車株式会社 御中")).toBeVisible();
  await expect(page.getByText("消費税（10%）")).toBeVisible();
  await expect(page.getByTestId("invoice-total")).toHaveText(/¥[\d,]+/);

  const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "PDFをダウンロード" }).click()]);
  expect(pdf.suggestedFilename()).toMatch(/^invoice-.+\.pdf$/);
  const pdfBytes = await readFile((await pdf.path())!);
  expect(pdfBytes.subarray(0, 5).toString()).toBe("%PDF-");
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSVをダウンロード" }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^invoice-.+\.csv$/);
  const csvText = await readFile((await csv.path())!, "utf8");
  expect(csvText).toContain("T9010401123456");
  expect(csvText).toContain("ヒノキ自動車株式会社 御中");
  expect(csvText).toContain("消費税(10%)");
});

test("the billing member searches invoices and exports cost data in FOCUS format", async ({ page }) => {
  await signIn(page, USERS.billing);
  await page.goto(`/${ORG}/billing/invoices`);
  await expect(page.getByTestId("invoice-row")).not.toHaveCount(0);
  await page.getByLabel("取引先").fill("存在しない取引先");
  await page.getByRole("button", { name: "検索", exact: true }).click();
  await expect(page).toHaveURL(/counterparty=/);
  await expect(page.getByText("条件に合う請求書はありません")).toBeVisible();
  await page.getByLabel("取引先").fill("Hinoki Cloud");
  await page.getByRole("button", { name: "検索", exact: true }).click();
  await expect(page.getByTestId("invoice-row")).not.toHaveCount(0);

  await page.goto(`/${ORG}/billing?month=${lastMonth().month}`);
  await expect(page.getByRole("heading", { name: "FOCUS形式でエクスポート" })).toBeVisible();
  const [focus] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSVをダウンロード" }).click()]);
  expect(focus.suggestedFilename()).toMatch(/^hinoki-focus-hinoki-motor-.+\.csv$/);
  const text = await readFile((await focus.path())!, "utf8");
  expect(text.split("\n")[0]).toContain("BilledCost,EffectiveCost,ListCost");
  expect(text).toContain("JPY");
});

test("an owner's budget alert lights the bell of billing and owner members and links to the budget", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}/billing/budgets`);
  await page.getByRole("button", { name: "予算を作成" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("予算の名前").fill("E2E上限");
  // A budget the first GPU-hour would spend is refused before submit, with the reason.
  await dialog.getByLabel("月額予算（円・税抜）").fill("1000");
  await expect(dialog.getByText(/月額予算は¥10,000以上で設定してください/)).toBeVisible();
  await dialog.getByLabel("月額予算（円・税抜）").fill("10000");
  await expect(dialog.getByText("月額 ¥10,000")).toBeVisible();
  await dialog.getByLabel("推論エンドポイントを最小レプリカ数まで縮小").check();
  await dialog.getByRole("button", { name: "作成" }).click();
  await expect(page.getByTestId("budget-card").filter({ hasText: "E2E上限" })).toContainText("予算超過");

  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName(/未読\d+件/);
  await bell.click();
  const notice = page.getByTestId("notification-item").filter({ hasText: "予算「E2E上限」の100%に達しました" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("削除はしていません");
  await notice.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/billing/budgets$`));

  // The owner removes it again by typing its name.
  const card = page.getByTestId("budget-card").filter({ hasText: "E2E上限" });
  await card.getByRole("button", { name: "削除" }).click();
  await page.getByRole("dialog").getByLabel("確認のため「E2E上限」と入力してください").fill("E2E上限");
  await page.getByRole("dialog").getByRole("button", { name: "削除" }).click();
  await expect(card).toHaveCount(0);
});

test("a developer cannot see invoices or costs: no menu item, 403 from the API", async ({ page }) => {
  await signIn(page, USERS.developer);
  await expect(page.getByRole("navigation").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "請求・コスト" })).toHaveCount(0);
  expect((await apiFromPage(page, `/api/v1/orgs/${ORG}/invoices`)).status).toBe(403);
  expect((await apiFromPage(page, `/api/v1/orgs/${ORG}/costs?groupBy=service`)).status).toBe(403);
  expect((await apiFromPage(page, `/api/v1/orgs/${ORG}/budgets`)).status).toBe(403);
  await page.goto(`/${ORG}/billing/invoices`);
  await expect(page.getByText("請求情報を表示する権限がありません")).toBeVisible();
  await expect(page.getByTestId("invoice-row")).toHaveCount(0);
});
