import type { Browser, Page } from "@playwright/test";
import { apiFromPage, expect, ORG, signIn, test, USERS } from "../fixtures";
import { expectAccessible } from "../ux/page-checks";

// 稟議ルール and 代理承認 set in the console, not by API: the owner finds them from the approvals
// page, is told what a rule does while there is none, makes a two-stage rule (課長: a named member,
// then 部長: the owner role, from ¥1,000,000 a month), is told in Japanese what is missing before
// anything is sent, sees the rule in words, raises its threshold, names a delegate for today and
// ends it early, sees an old delegation as ended, and deletes the rule after confirming. A
// developer reads the rule and is told why they cannot change it; a 稟議 made under the rule names
// its cost center by code and name. Everything it makes is removed
// afterwards, whatever happened, so no other journey meets a rule it did not set.

const NAME = `部長決裁-${Date.now().toString(36)}`;
const jstDay = (offset: number) => new Date(Date.now() + 9 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

async function memberId(page: Page, email: string): Promise<string> {
  const members = await apiFromPage(page, `/api/v1/orgs/${ORG}/members?limit=100`);
  return members.body.items.find((m: { email: string }) => m.email === email).userId;
}

test("the owner makes a two-stage 稟議 rule and a 代理承認 in the console, edits the rule and deletes it after confirming", async ({ page, browser }) => {
  await signIn(page, USERS.owner);
  let requestId: string | null = null;
  try {
    await page.goto(`/${ORG}/approvals`);
    await page.getByRole("link", { name: "承認ルールと代理承認の設定" }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/settings/approvals$`));
    await expect(page.getByRole("link", { name: "稟議ルール" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText("ルールがない間は、誰の注文も何も変わらず")).toBeVisible();

    // Sent empty, the form says what is missing, next to each field, in Japanese.
    await page.getByRole("button", { name: "承認ルールを追加" }).click();
    const dialog = page.getByRole("dialog", { name: "承認ルールを追加" });
    await dialog.getByRole("button", { name: "追加", exact: true }).click();
    await expect(dialog.getByText("入力内容を確認してください。")).toBeVisible();
    await expect(dialog.getByLabel("ルール名")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText("承認者のロールかメンバーを1つ以上選んでください。")).toBeVisible();
    await dialog.getByLabel("しきい値（見積月額・税抜）").fill("百万円");
    await dialog.getByRole("button", { name: "追加", exact: true }).click();
    await expect(dialog.getByText("円単位の整数で入力してください（例: 1,000,000）。")).toBeVisible();
    await expectAccessible(page, "the rule form with its errors");

    await dialog.getByLabel("ルール名").fill(NAME);
    await dialog.getByLabel("しきい値（見積月額・税抜）").fill("1,000,000");
    await expect(dialog.getByText("見積月額が ¥1,000,000 以上の注文に適用されます")).toBeVisible();
    const first = dialog.getByTestId("stage-form").nth(0);
    await first.getByLabel("第1段階の名称").fill("課長");
    await first.getByLabel("高橋 美咲（請求担当）").check();
    await dialog.getByRole("button", { name: "段階を追加" }).click();
    const second = dialog.getByTestId("stage-form").nth(1);
    await second.getByLabel("第2段階の名称").fill("部長");
    await second.getByRole("group", { name: "第2段階の承認者（ロールで指定）" }).getByLabel("オーナー", { exact: true }).check();
    await dialog.getByRole("button", { name: "追加", exact: true }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByTestId("approval-policy-row").filter({ hasText: NAME });
    await expect(row).toContainText("クラスター作成");
    await expect(row).toContainText("月額 ¥1,000,000 以上");
    await expect(row).toContainText("1. 課長: 高橋 美咲");
    await expect(row).toContainText("2. 部長: オーナー（ロール）");
    await expect(row).toContainText("14日");
    const saved = (await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-policies`)).body.items.find((p: { name: string }) => p.name === NAME);
    expect(saved).toMatchObject({ actions: ["cluster.create"], thresholdMonthlyJpy: 1_000_000, stages: [{ name: "課長", approvers: { userIds: [await memberId(page, USERS.billing)] } }, { name: "部長", approvers: { roles: ["owner"] } }] });

    // A developer reads it, and is told why they cannot change it.
    const developer = await as(browser, USERS.developer);
    await developer.goto(`/${ORG}/settings/approvals`);
    await expect(developer.getByTestId("approval-policy-row").filter({ hasText: NAME })).toContainText("月額 ¥1,000,000 以上");
    await expect(developer.getByText("承認ルールを追加・変更・削除できるのはオーナーと管理者です。")).toBeVisible();
    await expect(developer.getByRole("button", { name: `「${NAME}」を編集` })).toHaveCount(0);
    await developer.context().close();

    // The threshold goes up to ¥2,000,000.
    await row.getByRole("button", { name: `「${NAME}」を編集` }).click();
    const edit = page.getByRole("dialog", { name: "承認ルールを編集" });
    await expect(edit.getByLabel("しきい値（見積月額・税抜）")).toHaveValue("1000000");
    await edit.getByLabel("しきい値（見積月額・税抜）").fill("2,000,000");
    await edit.getByRole("button", { name: "保存", exact: true }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText("月額 ¥2,000,000 以上");
    await expect(row).toContainText("2. 部長: オーナー（ロール）");

    // A 稟議 made under it names its cost center by code and name, not by its id.
    const centers = (await apiFromPage(page, `/api/v1/orgs/${ORG}/cost-centers`)).body.items;
    const center = centers.find((c: { code: string }) => c.code === "CC-1001");
    const developerApi = await as(browser, USERS.developer);
    const order = await apiFromPage(developerApi, `/api/v1/orgs/${ORG}/clusters`, {
      method: "POST",
      body: { name: `rules-${Date.now().toString(36)}`, zoneId: "jp-tokyo-1a", kubernetesVersion: "1.36", nodePools: [{ name: "gpu", shapeId: "h200-8x", count: 1 }], costCenterId: center.id, approval: { subject: `部門表示 ${NAME}`, purpose: "部門名の表示の確認" } },
    });
    expect(order.status).toBe(202);
    requestId = order.body.id;
    await page.goto(`/${ORG}/approvals/${requestId}`);
    await expect(page.getByRole("heading", { name: `部門表示 ${NAME}` })).toBeVisible();
    await expect(page.getByText("クラスター作成:")).toBeVisible();
    await expect(page.getByText("CC-1001 AI研究開発部")).toBeVisible();
    expect((await apiFromPage(developerApi, `/api/v1/orgs/${ORG}/approval-requests/${requestId}/withdraw`, { method: "POST" })).status).toBe(200);
    requestId = null;
    await developerApi.context().close();
    await page.goto(`/${ORG}/settings/approvals`);

    // 代理承認: a delegation that ended last week shows as ended; one for today is set with the
    // keyboard (Enter sends the form), is in force, and is ended early after a confirmation.
    const viewerId = await memberId(page, USERS.viewer);
    const old = await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-delegations`, { method: "POST", body: { delegateUserId: viewerId, fromDate: jstDay(-9), toDate: jstDay(-7), reason: `先週の出張 ${NAME}` } });
    expect(old.status).toBe(201);
    await page.reload();
    await expect(page.getByTestId("approval-delegation-row").filter({ hasText: `先週の出張 ${NAME}` })).toContainText("終了");

    await page.getByLabel("代理人").selectOption({ label: "田中 健（閲覧者）" });
    await page.getByLabel("理由").fill(`本日不在 ${NAME}`);
    await page.getByLabel("理由").press("Enter");
    const today = page.getByTestId("approval-delegation-row").filter({ hasText: `本日不在 ${NAME}` });
    await expect(today).toContainText("田中 健");
    await expect(today).toContainText("有効");
    const made = (await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-delegations`)).body.items.find((d: { reason: string | null }) => d.reason === `本日不在 ${NAME}`);
    expect(made).toMatchObject({ delegateUserId: viewerId, fromDate: jstDay(0), toDate: jstDay(0), revokedAt: null });
    await today.getByRole("button", { name: "田中 健 への代理承認を終了" }).click();
    await page.getByRole("dialog", { name: "田中 健 への代理承認を終了しますか？" }).getByRole("button", { name: "終了", exact: true }).click();
    await expect(today).toContainText("途中で終了");

    // Deleting asks first; cancelling keeps the rule, confirming removes it and the empty state returns.
    await row.getByRole("button", { name: `「${NAME}」を削除` }).click();
    const confirm = page.getByRole("dialog", { name: `承認ルール「${NAME}」を削除しますか？` });
    await confirm.getByRole("button", { name: "キャンセル" }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: `「${NAME}」を削除` }).click();
    await confirm.getByRole("button", { name: "削除", exact: true }).click();
    await expect(row).toHaveCount(0);
    expect((await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-policies/${saved.id}`)).status).toBe(404);
  } finally {
    if (requestId) {
      const developer = await as(browser, USERS.developer);
      await apiFromPage(developer, `/api/v1/orgs/${ORG}/approval-requests/${requestId}/withdraw`, { method: "POST" });
      await developer.context().close();
    }
    const left = (await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-policies`)).body.items ?? [];
    for (const p of left.filter((p: { name: string }) => p.name === NAME)) await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-policies/${p.id}`, { method: "DELETE" });
    // A delegation left in force would let the viewer decide for the owner in other journeys.
    const made = (await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-delegations`)).body.items ?? [];
    for (const d of made.filter((d: { reason: string | null; revokedAt: string | null }) => d.reason?.includes(NAME) && !d.revokedAt)) await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-delegations/${d.id}`, { method: "DELETE" });
  }
});
