import { readFile } from "node:fs/promises";
import { apiFromPage, expect, ORG, signIn, test, USERS } from "../fixtures";

// Who pays, and the archive a tax office may ask for. The demo's training cluster is charged to
// 「CC-1001 AI研究開発部」 with a 発注番号: the billing member sees it in the cost explorer, in the
// FOCUS export's tags and in last month's invoice breakdown (内訳). Then the 請求書アーカイブ: a search by
// amount range and counterparty finds last month's invoice, its CSV lists it, and the hash chain
// verifies — nothing altered.

function lastMonth(): { label: string; month: string } {
  const jst = new Date(Date.now() + 9 * 3600_000);
  const d = new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth() - 1, 1));
  return { label: `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`, month: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}` };
}

test("a cluster's cost center appears in the cost explorer, the FOCUS CSV and the invoice breakdown", async ({ page }) => {
  await signIn(page, USERS.billing);
  const { month, label } = lastMonth();
  await page.goto(`/${ORG}/billing?month=${month}`);
  await page.getByRole("button", { name: "部門・プロジェクト", exact: true }).click();
  await expect(page).toHaveURL(/by=costCenter/);
  const breakdown = page.getByRole("table").filter({ hasText: "構成比" });
  await expect(breakdown.getByRole("cell", { name: "CC-1001 AI研究開発部" })).toBeVisible();
  await expect(breakdown.getByRole("cell", { name: "CC-2001 生産技術部" })).toBeVisible();

  const [focus] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSVをダウンロード" }).click()]);
  const focusText = await readFile((await focus.path())!, "utf8");
  expect(focusText.split("\n")[0].trim().endsWith(",Tags")).toBe(true);
  const trainingRow = focusText.split("\n").find((l) => l.includes("cl_DEMO0LLMTRAINING0000000000"));
  expect(trainingRow).toContain('""hinoki:cost-center"":""CC-1001""');
  expect(trainingRow).toContain('""hinoki:po-number"":""PO-2026-0042""');

  await page.goto(`/${ORG}/billing/invoices`);
  await page.getByTestId("invoice-row").filter({ hasText: label }).getByRole("link").first().click();
  const inner = page.getByTestId("cost-center-breakdown");
  await expect(inner).toContainText("部門・プロジェクト別内訳");
  await expect(inner.getByRole("row").filter({ hasText: "CC-1001 AI研究開発部" })).toContainText("PO-2026-0042");
  await expect(inner.getByRole("row").filter({ hasText: "CC-2001 生産技術部" })).toBeVisible();
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSVをダウンロード" }).click()]);
  const csvText = await readFile((await csv.path())!, "utf8");
  expect(csvText).toContain("部門コード,部門名,発注番号");
  expect(csvText).toContain("CC-1001,AI研究開発部,PO-2026-0042");
});

test("an archive search by amount range and counterparty finds the right invoice, its CSV lists it, and the hash chain verifies", async ({ page }) => {
  await signIn(page, USERS.billing);
  const { month } = lastMonth();
  const list = await apiFromPage(page, `/api/v1/orgs/${ORG}/invoices?month=${month}`);
  const invoice = list.body.items.find((i: { kind: string }) => i.kind === "invoice");
  expect(invoice).toBeTruthy();

  await page.goto(`/${ORG}/billing`);
  await page.getByRole("link", { name: "請求書アーカイブ" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/billing/archive`));
  await page.getByLabel("金額（円・以上）").fill(String(invoice.totalJpy - 1));
  await page.getByLabel("金額（円・以下）").fill(String(invoice.totalJpy + 1));
  await page.getByLabel("取引先").fill("T9010401123456");
  await page.getByRole("button", { name: "検索", exact: true }).click();
  await expect(page).toHaveURL(/minTotal=/);
  const rows = page.getByTestId("invoice-row");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(invoice.number);
  await expect(rows.getByRole("link", { name: `PDF（${invoice.number}）` })).toBeVisible();

  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "検索結果をCSVでダウンロード" }).click()]);
  const lines = (await readFile((await csv.path())!, "utf8")).trim().split(/\r?\n/);
  expect(lines[0]).toContain("取引年月日(発行日)");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(invoice.number);
  expect(lines[1]).toContain("T9010401123456");

  // A counterparty that is neither party finds nothing.
  await page.getByLabel("取引先").fill("存在しない取引先");
  await page.getByRole("button", { name: "検索", exact: true }).click();
  await expect(page.getByText("条件に合う請求書はありません")).toBeVisible();

  await page.getByRole("button", { name: "ハッシュチェーンを検証" }).click();
  await expect(page.getByTestId("chain-result")).toContainText("改ざんは検出されませんでした");
  const [policy] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "事務処理規程をダウンロード（日本語）" }).click()]);
  expect(await readFile((await policy.path())!, "utf8")).toContain("ヒノキ自動車株式会社");
});
