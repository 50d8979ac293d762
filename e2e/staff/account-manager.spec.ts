import { apiFromPage, expect, ORG, OTHER_ORG, signIn, test, USERS } from "../fixtures";

// The account manager's journeys: a customer asks for more GPUs on the shapes page, their manager
// grants a different amount from the staff console, the customer sees the new quota at once and
// finds the manager's look and decision in their own audit log.

const AM_NAME = "伊藤 恵（アカウントマネージャー）";

test("a quota request: filed by the customer, approved for a different amount by the manager, seen by the customer", async ({ page, browser }) => {
  // The customer files the request through the shapes page.
  await signIn(page, USERS.developer);
  await page.goto(`/${ORG}/shapes`);
  const line = page.locator('[data-testid="quota-row"][data-pair="jp-hokkaido-1/H200"]');
  await expect(line).toContainText("16 GPU");
  await page.getByRole("button", { name: "クォータの引き上げを申請" }).click();
  const dialog = page.getByRole("dialog", { name: "クォータの引き上げを申請" });
  await dialog.getByLabel("リージョン").selectOption("jp-hokkaido-1");
  await dialog.getByLabel("GPUモデル").selectOption("H200");
  await dialog.getByLabel("希望する上限（GPU数）").fill("128");
  await dialog.getByLabel("理由").fill("北海道で再エネ電力のH200を使った継続学習を始めるため");
  await dialog.getByRole("button", { name: "申請", exact: true }).click();
  await expect(page.getByText("クォータの引き上げを申請しました")).toBeVisible();
  // Before the decision, a launch of 8 × h200-8x (64 GPUs) would not fit the quota.
  const before = await apiFromPage(page, `/api/v1/orgs/${ORG}/quotas?regionId=jp-hokkaido-1&gpuModel=H200`);
  expect(before.body.items[0]).toMatchObject({ limit: 16, available: 16 });

  // The account manager sees it in their book and decides it on the account page.
  const staffContext = await browser.newContext();
  const am = await staffContext.newPage();
  await signIn(am, USERS.accountManager);
  await am.goto("/staff");
  const row = am.locator('[data-testid="staff-account-row"][data-slug="hinoki-motor"]');
  await expect(row).toContainText("ヒノキ自動車株式会社");
  // The filter lives in the URL.
  await am.getByLabel("要対応").selectOption("requests");
  await expect(am).toHaveURL(/attention=requests/);
  await expect(row).toBeVisible();
  // Sorted by spend, then the filters cleared: the sort stays, the filter goes.
  await am.getByRole("link", { name: "今月の利用額" }).click();
  await expect(am).toHaveURL(/[?&]sort=/);
  await am.getByRole("button", { name: "条件をクリア" }).click();
  await expect(am).not.toHaveURL(/attention=/);
  await expect(am).toHaveURL(/[?&]sort=/);
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: "ヒノキ自動車株式会社" }).click();
  await expect(am.getByRole("heading", { level: 1, name: "ヒノキ自動車株式会社" })).toBeVisible();
  await expect(am.getByText("このページの閲覧は顧客の監査ログに記録されます。")).toBeVisible();

  const request = am.getByTestId("staff-quota-request").filter({ hasText: "H200" }).filter({ hasText: "jp-hokkaido-1" });
  await expect(request).toContainText("128 GPU");
  await request.getByRole("button", { name: "承認" }).click();
  const decision = am.getByRole("dialog", { name: "クォータ申請を承認" });
  // Says no before submit: not above the current limit.
  await decision.getByLabel("新しい上限（GPU数）").fill("16");
  await expect(decision.getByText("現在の上限（16 GPU）より大きい値にしてください。")).toBeVisible();
  await decision.getByLabel("新しい上限（GPU数）").fill("96");
  await decision.getByLabel("顧客へのコメント（任意）").fill("まず96基で開始し、来月の利用状況で再検討します");
  await decision.getByRole("button", { name: "承認", exact: true }).click();
  await expect(am.getByText("承認しました。クォータはすぐに反映され、顧客に通知しました。")).toBeVisible();
  await expect(decision).toHaveCount(0);
  await expect(request).toHaveCount(0);
  await am.getByLabel("状態").selectOption("approved");
  await expect(am).toHaveURL(/status=approved/);
  await expect(am.getByTestId("staff-quota-request").filter({ hasText: "jp-hokkaido-1" })).toContainText("96 GPU");
  // The account's quota table shows the new limit, and the timeline the decision.
  await am.reload();
  await expect(am.locator('[data-testid="staff-quota-line"][data-line="jp-hokkaido-1/H200"]')).toContainText("96");
  await expect(am.getByTestId("account-activity").filter({ hasText: "quota_request.approve" }).first()).toBeVisible();
  await staffContext.close();

  // The customer sees the decision and the new quota at once.
  await page.reload();
  await expect(line).toContainText("96 GPU");
  const filed = page.getByTestId("quota-request-row").filter({ hasText: "H200" });
  await expect(filed).toContainText("承認済み");
  await expect(filed).toContainText("96 GPUで承認");
  const after = await apiFromPage(page, `/api/v1/orgs/${ORG}/quotas?regionId=jp-hokkaido-1&gpuModel=H200`);
  expect(after.body.items[0]).toMatchObject({ limit: 96, available: 96 });

  // …and the manager's look and decision in their own audit log, with the manager's name.
  await page.goto(`/${ORG}/audit?action=quota_request.approve`);
  const approval = page.getByTestId("audit-row").first();
  await expect(approval).toContainText("Hinoki担当者");
  await expect(approval).toContainText(AM_NAME);
  await page.goto(`/${ORG}/audit?action=staff.view`);
  await expect(page.getByTestId("audit-row").filter({ hasText: AM_NAME }).first()).toContainText("Hinoki担当者");
});

test("the manager sets contract terms; the customer reads them and their prices", async ({ page, browser }) => {
  const staffContext = await browser.newContext();
  const am = await staffContext.newPage();
  await signIn(am, USERS.accountManager);
  await am.goto(`/staff/accounts/${ORG}`);
  await am.getByRole("button", { name: "契約条件を変更" }).click();
  const form = am.getByRole("form", { name: "契約条件を変更" });
  await form.getByLabel("割引率（全体）").fill("5");
  await form.getByLabel("H100 (%)").fill("150");
  await expect(form.getByText("0–100%")).toBeVisible();
  await form.getByLabel("H100 (%)").fill("12.5");
  await form.getByLabel("月額コミット（税抜）").fill("3000000");
  await form.getByLabel("支払期限（月末から日数）").fill("45");
  await form.getByRole("button", { name: "この条件で保存" }).click();
  await expect(am.getByText("契約条件を保存しました。適用開始日から請求に反映されます。")).toBeVisible();
  await expect(am.locator('[data-testid="contract-price"][data-shape="h100-8x"]')).toContainText("¥6,300");
  await staffContext.close();

  // The customer (any role) reads them under Settings → Contract, read-only, with their prices.
  await signIn(page, USERS.viewer);
  await page.goto(`/${ORG}/settings`);
  await page.getByRole("link", { name: "契約", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/settings/contract$`));
  const terms = page.getByTestId("contract-terms").first();
  await expect(terms).toContainText("5%");
  await expect(terms).toContainText("H100 12.5%");
  await expect(terms).toContainText("¥3,000,000");
  await expect(terms).toContainText("月末締め 45日後払い");
  await expect(page.locator('[data-testid="contract-price"][data-shape="h100-8x"]')).toContainText("¥6,300");
  await expect(page.locator('[data-testid="contract-price"][data-shape="l40s-1x"]')).toContainText("¥275.5");
  await expect(page.getByRole("button", { name: "契約条件を変更" })).toHaveCount(0);
  const contract = await apiFromPage(page, `/api/v1/orgs/${ORG}/contract`);
  expect(contract.status).toBe(200);
  expect(contract.body.current).toMatchObject({ discountPercent: 5, discountByGpuModel: { H100: 12.5 } });
  // The staff API is not theirs to call.
  expect((await apiFromPage(page, `/api/v1/staff/accounts/${ORG}/contract`, { method: "PUT", body: { discountPercent: 90, effectiveFrom: "2030-01-01" } })).status).toBe(404);

  // Their prices where prices appear: the shapes catalog shows the contract price, the list price struck through.
  await page.goto(`/${ORG}/shapes`);
  await expect(page.getByTestId("contract-price-note")).toBeVisible();
  const rows = page.getByTestId("shape-row");
  const h100 = rows.filter({ has: page.getByText("h100-8x", { exact: true }) });
  await expect(h100.getByTestId("price-hour")).toContainText("¥6,300/時");
  await expect(h100.getByTestId("list-price-hour")).toHaveText("定価 ¥7,200 · 契約 12.5%引");
  await expect(h100.getByTestId("price-month")).toContainText("¥4,599,000/月");
  await expect(rows.filter({ has: page.getByText("l40s-1x", { exact: true }) }).getByTestId("price-hour")).toContainText("¥275.5/時");

  // …and while ordering: a developer's endpoint form prices two L40S replicas under the contract.
  const devContext = await browser.newContext();
  const dev = await devContext.newPage();
  await signIn(dev, USERS.developer);
  await dev.goto(`/${ORG}/endpoints/new`);
  await dev.getByLabel("モデル").selectOption("sarashina2.2-3b-instruct");
  await dev.getByLabel("GPUシェイプ").selectOption("l40s-1x");
  await dev.getByLabel("ゾーン", { exact: true }).selectOption("jp-tokyo-1a");
  await dev.getByLabel("最小レプリカ数").fill("2");
  await dev.getByLabel("最大レプリカ数").fill("2");
  await expect(dev.getByTestId("contract-price-note")).toContainText("5%引");
  await expect(dev.getByTestId("price-panel")).toContainText("¥551");
  await expect(dev.getByTestId("price-panel")).toContainText("¥580");
  await devContext.close();
});

test("boundaries: customers never reach the staff console; a manager never reaches another manager's account", async ({ page, browser }) => {
  await signIn(page, USERS.owner);
  expect((await page.goto(`/staff/accounts/${ORG}`))?.status()).toBe(404);
  expect((await page.goto("/staff/quota-requests"))?.status()).toBe(404);
  expect((await apiFromPage(page, "/api/v1/staff/quota-requests")).status).toBe(404);

  const staffContext = await browser.newContext();
  const am = await staffContext.newPage();
  await signIn(am, USERS.accountManager);
  expect((await am.goto(`/staff/accounts/${OTHER_ORG}`))?.status()).toBe(404);
  expect((await apiFromPage(am, `/api/v1/staff/accounts/${OTHER_ORG}`)).status).toBe(404);
  // Staff read the customer's console, but never its secrets.
  expect((await apiFromPage(am, `/api/v1/orgs/${ORG}/api-tokens`)).status).toBe(403);
  // Notes stay with the staff.
  await am.goto(`/staff/accounts/${ORG}`);
  await am.getByLabel("メモを追加").fill("来期にH200の大規模導入を検討中（先方CTOより）");
  await am.getByRole("button", { name: "追加", exact: true }).click();
  await expect(am.getByTestId("account-note").first()).toContainText("来期にH200の大規模導入を検討中");
  await staffContext.close();

  await page.goto(`/${ORG}/audit`);
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await expect(page.getByText("来期にH200の大規模導入を検討中")).toHaveCount(0);
  expect(JSON.stringify((await apiFromPage(page, `/api/v1/orgs/${ORG}/audit-events?limit=200`)).body)).not.toContain("staff.note");
});
