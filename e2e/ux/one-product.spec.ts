import { readFileSync } from "node:fs";
import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";

// Issue 23, read as a customer would: launch flows with a way out beside every refusal, one
// residency vocabulary with the verdict first, numbers formatted one way, breadcrumbs and the
// residency chip on detail pages, the invoice list's PDF and 入金状況, a certificate that prints.
// The demo org holds all 16 of its Tokyo H100s in "prod-training" and no H200.

test("the cluster wizard opens with a shape the org can launch and offers a way out of a quota refusal", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}/clusters/new`);
  const pool = page.getByTestId("pool-form").first();
  // Not the H100 the quota refuses: the first shape this org can launch now.
  await expect(pool.getByLabel("GPUシェイプ")).toHaveValue("h200-8x");
  await expect(page.getByTestId("quota-way-out")).toHaveCount(0);
  await expect(page.getByTestId("data-location")).toContainText("東京Aデータセンター（江東区）（東京都・JP-13）");

  await pool.getByLabel("GPUシェイプ").selectOption("h100-8x");
  const summary = page.getByTestId("price-summary");
  await expect(summary.getByTestId("quota-line")).toContainText("使用中 16 ＋ 今回 8 ＝ 24 GPU（上限 16）");
  const wayOut = pool.getByTestId("quota-way-out");
  await expect(wayOut.getByRole("link", { name: "クォータの引き上げを申請（H100 +8）" })).toBeVisible();
  await wayOut.getByRole("button", { name: /H200なら今すぐ作成できます/ }).click();
  await expect(pool.getByLabel("GPUシェイプ")).toHaveValue("h200-8x");
  await expect(page.getByTestId("quota-way-out")).toHaveCount(0);

  // The request link opens the shapes page's form, filled in with what is missing.
  await pool.getByLabel("GPUシェイプ").selectOption("h100-8x");
  await pool.getByTestId("quota-way-out").getByRole("link", { name: "クォータの引き上げを申請（H100 +8）" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/shapes\\?`));
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("GPUモデル")).toHaveValue("H100");
  await expect(dialog.getByLabel("希望する上限（GPU数）")).toHaveValue("24");
});

test("the shapes page says per row what this org can launch now, with confidential computing per shape", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}/shapes?regionId=jp-tokyo-1`);
  const h100 = page.locator('[data-testid="shape-row"][data-shape="h100-8x"]');
  const h200 = page.locator('[data-testid="shape-row"][data-shape="h200-8x"]');
  const l40s = page.locator('[data-testid="shape-row"][data-shape="l40s-1x"]');
  await expect(h100.getByTestId("launch-cell")).toContainText("クォータ不足（残り 0 GPU）");
  await expect(h100.getByTestId("cc-badge")).toHaveText("機密コンピューティング対応");
  await expect(l40s.getByTestId("cc-badge")).toHaveText("機密コンピューティング非対応");
  await expect(h200.getByTestId("launch-cell")).toContainText("今すぐ作成できます");
  await h200.getByRole("link", { name: "このシェイプで作成" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/clusters/new\\?shape=h200-8x`));
  await expect(page.getByTestId("pool-form").first().getByLabel("GPUシェイプ")).toHaveValue("h200-8x");
});

test("a statement shows its verdict first with the remedy; the signature has its own words", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}/attestations`);
  const row = page.getByTestId("attestation-row").filter({ hasText: "ja-assistant" }).first();
  await expect(async () => {
    await page.reload();
    // A loaded machine renders the list slowly after a reload: wait for the list, not a fixed 2 s.
    await expect(page.getByTestId("attestation-row").first()).toBeVisible();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ ...UNTIL_DONE, intervals: [2_000] });
  await expect(row).toContainText("要確認");
  await row.getByRole("link", { name: "ja-assistant" }).click();

  const banner = page.getByTestId("verdict-banner");
  await expect(banner).toHaveAttribute("data-verdict", "warning");
  await expect(banner.getByRole("heading")).toHaveText("判定: 要確認");
  await expect(banner.getByTestId("verdict-remedy")).toContainText("L40S は機密コンピューティング非対応です。H100・H200・B200・GB200 では適合になります。");
  await expect(page.getByTestId("verification")).toContainText("署名: 有効");
  // The verdict comes before the signature on the page.
  const [bannerBox, signatureBox] = [await banner.boundingBox(), await page.getByTestId("verification").boundingBox()];
  expect(bannerBox!.y).toBeLessThan(signatureBox!.y);
  await expect(page.getByTestId("breadcrumbs")).toHaveText(/ヒノキ自動車株式会社.*データ所在証明.*ja-assistant/);

  // Printed for an approval file: the document without the console around it.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "メインナビゲーション" })).toBeHidden();
  await expect(banner).toBeVisible();
  await page.emulateMedia({ media: "screen" });
});

test("detail pages carry breadcrumbs, a copyable id and the residency chip linking to the statement", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}/clusters`);
  await page.getByRole("link", { name: "prod-training" }).first().click();
  const header = page.getByTestId("detail-header");
  await expect(header.getByTestId("breadcrumbs")).toHaveText(/^ヒノキ自動車株式会社.*クラスター.*prod-training$/);
  await expect(header.getByRole("button", { name: "IDをコピー" })).toBeVisible();
  const chip = header.getByTestId("residency-chip");
  await expect(chip).toHaveText(/東京都 JP-13・適合/, UNTIL_DONE);
  await chip.click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/attestations/at_`));
  await expect(page.getByTestId("verdict-banner")).toHaveAttribute("data-verdict", "affirming");

  await page.goto(`/${ORG}/endpoints/new`);
  await expect(page.getByTestId("data-location")).toContainText("データ保存先");
});

test("invoices list a PDF and the payment status per row; amounts and quantities are formatted one way", async ({ page }) => {
  await signIn(page, USERS.billing);
  await page.goto(`/${ORG}/billing/invoices`);
  await expect(page.getByRole("columnheader", { name: "入金状況" })).toBeVisible();
  const row = page.getByTestId("invoice-row").first();
  await expect(row.getByTestId("invoice-payment-status")).toHaveText(/入金待ち|期日超過・未入金|入金済み/);
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /PDF/ }).click()]);
  expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe("%PDF-");

  await row.getByRole("link").first().click();
  const lines = page.locator("tbody tr").filter({ has: page.locator("td") });
  await expect(lines.first()).toBeVisible();
  for (const text of await page.locator("tbody td").allInnerTexts()) {
    // No ungrouped yen (「¥7200」), no raw decimals (「1152.000 時間」, 「63.682335 100万トークン」).
    expect(text).not.toMatch(/¥\d{4,}/);
    expect(text).not.toMatch(/\d\.\d{4,}/);
    expect(text).not.toMatch(/\.000\b/);
  }
});

test("the audit log names actions and targets in words, and exports what it shows as evidence", async ({ page }) => {
  await signIn(page, USERS.owner);
  const name = `監査テスト-${Date.now()}`;
  const created = await apiFromPage(page, `/api/v1/orgs/${ORG}/budgets`, { method: "POST", body: { name, monthlyAmountJpy: 50_000_000, thresholds: [100] } });
  expect(created.status).toBe(201);
  try {
    await page.goto(`/${ORG}/audit?action=budget.create`);
    const row = page.getByTestId("audit-row").filter({ hasText: name });
    await expect(row.getByTestId("audit-action")).toContainText("予算の作成");
    await expect(row.getByRole("cell", { name, exact: true })).toHaveAttribute("title", /^bud_/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSVをダウンロード" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFF日時（UTC）,日時（日本時間）")).toBe(true);
    expect(csv).toContain(`budget.create,予算の作成,budget,`);
    expect(csv).toContain(name);
  } finally {
    await apiFromPage(page, `/api/v1/orgs/${ORG}/budgets/${created.body.id}`, { method: "DELETE" });
  }
});
