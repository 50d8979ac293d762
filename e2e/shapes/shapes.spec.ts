import { expect, ORG, signIn, test, USERS } from "../fixtures";

test("the GPU shapes page shows every shape with yen prices and live availability per zone", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}`);
  await page.getByRole("link", { name: "GPUシェイプ" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "GPUシェイプ" })).toBeVisible();

  const rows = page.getByTestId("shape-row");
  await expect(rows).toHaveCount(7);
  const h100 = rows.filter({ has: page.getByText("h100-8x", { exact: true }) });
  await expect(h100.getByTestId("price-hour")).toHaveText("¥7,200/時");
  await expect(h100.getByTestId("price-month")).toHaveText("¥5,256,000/月");
  await expect(rows.filter({ has: page.getByText("l40s-1x", { exact: true }) }).getByTestId("price-hour")).toHaveText("¥290/時");

  // Availability per zone, in words: both Tokyo zones for H100 8x, from the live control plane.
  await expect(h100.getByTestId("capacity-badge")).toHaveCount(2);
  await expect(h100.getByText(/^jp-tokyo-1a: (空きあり|残りわずか|在庫なし)$/)).toBeVisible();
  await expect(h100.getByText(/^jp-tokyo-1b: (空きあり|残りわずか|在庫なし)$/)).toBeVisible();
  const gb200 = rows.filter({ has: page.getByText("gb200-tray", { exact: true }) });
  await expect(gb200.getByTestId("capacity-badge")).toHaveCount(3);
  // Customers see levels, never the fleet's numbers.
  await expect(page.getByText(/空き \d+ \/ \d+/)).toHaveCount(0);

  // The org's quota per region and GPU model (default 16).
  const quota = page.locator(`[data-testid="quota-row"][data-pair="jp-osaka-1/B200"]`);
  await expect(quota).toContainText("16 GPU");
});

test("filters narrow the list and live in the URL", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto(`/${ORG}/shapes`);
  const rows = page.getByTestId("shape-row");
  await expect(rows).toHaveCount(7);
  const filters = page.getByRole("search", { name: "シェイプの絞り込み" });

  await filters.getByLabel("GPUモデル").selectOption("H100");
  await expect(page).toHaveURL(/[?&]gpuModel=H100/);
  await expect(rows).toHaveCount(2);
  await expect(page.getByText("7件中 2件のシェイプを表示")).toBeVisible();

  await filters.getByLabel("GPUモデル").selectOption("");
  await filters.getByLabel("リージョン").selectOption("jp-hokkaido-1");
  await filters.getByLabel("載せたい推論モデル").selectOption("llama-3.3-swallow-70b-instruct");
  await expect(page).toHaveURL(/regionId=jp-hokkaido-1/);
  await expect(page).toHaveURL(/fitsModel=llama-3.3-swallow-70b-instruct/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("h200-8x");
  await expect(rows.first()).toContainText("テンソル並列 2");
  // Only the filtered region's zone is shown, and the quota table follows the region.
  await expect(rows.first().getByTestId("capacity-badge")).toHaveCount(1);
  await expect(page.getByTestId("quota-row")).toHaveCount(2);

  // The filtered view is shareable: a reload (or a colleague opening the link) shows the same.
  await page.reload();
  await expect(rows).toHaveCount(1);
  await expect(filters.getByLabel("リージョン")).toHaveValue("jp-hokkaido-1");

  await filters.getByRole("button", { name: "条件をクリア" }).click();
  await expect(rows).toHaveCount(7);
  await expect(page).not.toHaveURL(/\?/);

  // A viewer may look but not ask for quota.
  await expect(page.getByRole("button", { name: "クォータの引き上げを申請" })).toHaveCount(0);
});

test("a developer files a quota request and sees it pending", async ({ page }) => {
  await signIn(page, USERS.developer);
  await page.goto(`/${ORG}/shapes`);
  await expect(page.getByText("まだ申請はありません")).toBeVisible();

  await page.getByRole("button", { name: "クォータの引き上げを申請" }).click();
  const dialog = page.getByRole("dialog", { name: "クォータの引き上げを申請" });
  await dialog.getByLabel("リージョン").selectOption("jp-osaka-1");
  await dialog.getByLabel("GPUモデル").selectOption("B200");
  await expect(dialog.getByText("現在の上限 16 GPU、使用中 0 GPUです。")).toBeVisible();

  // Said no before submit: not more than the current limit, no reason.
  await dialog.getByLabel("希望する上限（GPU数）").fill("8");
  await dialog.getByRole("button", { name: "申請", exact: true }).click();
  await expect(dialog.getByText("現在の上限（16 GPU）より大きい数を入力してください。")).toBeVisible();
  await expect(dialog.getByText("理由を入力してください。")).toBeVisible();

  await dialog.getByLabel("希望する上限（GPU数）").fill("64");
  await dialog.getByLabel("理由").fill("7月からの推論基盤の増強のため");
  await dialog.getByRole("button", { name: "申請", exact: true }).click();
  await expect(page.getByText("クォータの引き上げを申請しました")).toBeVisible();
  await expect(dialog).toHaveCount(0);

  const request = page.getByTestId("quota-request-row").first();
  await expect(request).toContainText("大阪第1リージョン");
  await expect(request).toContainText("B200");
  await expect(request).toContainText("16 → 64 GPU");
  await expect(request).toContainText("審査中");
  await expect(request).toContainText("7月からの推論基盤の増強のため");
  await expect(page.locator(`[data-testid="quota-row"][data-pair="jp-osaka-1/B200"]`)).toContainText("申請中");

  // A second request for the same pair is refused before it is sent.
  await page.getByRole("button", { name: "クォータの引き上げを申請" }).click();
  await dialog.getByLabel("リージョン").selectOption("jp-osaka-1");
  await dialog.getByLabel("GPUモデル").selectOption("B200");
  await expect(dialog.getByText("このリージョンとGPUモデルにはすでに審査中の申請があります。結果をお待ちください。")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "申請", exact: true })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
});

test("provider staff see exact capacity counts", async ({ page }) => {
  await signIn(page, USERS.accountManager);
  await page.goto(`/${ORG}/shapes`);
  const h100 = page.getByTestId("shape-row").filter({ has: page.getByText("h100-8x", { exact: true }) });
  await expect(h100.getByText(/空き \d+ \/ 32 ノード/).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "クォータの引き上げを申請" })).toHaveCount(0);
  // The org's pending request is visible to its account manager.
  await expect(page.getByTestId("quota-request-row").filter({ hasText: "B200" })).toContainText("審査中");
});
