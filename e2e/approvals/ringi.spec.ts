import type { Browser, Page } from "@playwright/test";
import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";

// 稟議 as a Japanese company runs it. A two-stage rule (課長: the billing member, 部長: the owner) holds
// a developer's ¥7,000,000/月 cluster: the wizard says so and asks 件名・目的; the 課長 approves, the
// 部長 rejects with a comment, the developer requests again, both approve, and the cluster runs as the
// developer's, with the 稟議書 downloadable. Then 代理承認: a delegation that has ended gives the
// delegate nothing to decide; one for today lets them approve on the 部長's behalf.

const NAME = `ringi-${Date.now().toString(36)}`;
const jstToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
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

test("a developer's ¥7,000,000/月 cluster waits for 課長 then 部長, is rejected once, re-requested, approved and runs", async ({ page, browser, leftovers }) => {
  const owner = await as(browser, USERS.owner);
  const billingId = await memberId(owner, USERS.billing);
  const ownerId = await memberId(owner, USERS.owner);
  const policy = await apiFromPage(owner, `/api/v1/orgs/${ORG}/approval-policies`, {
    method: "POST",
    body: { name: "部長決裁（e2e）", actions: ["cluster.create"], thresholdMonthlyJpy: 5_000_000, stages: [{ name: "課長", approvers: { userIds: [billingId] } }, { name: "部長", approvers: { userIds: [ownerId] } }] },
  });
  expect(policy.status).toBe(201);
  try {
    await signIn(page, USERS.developer);
    await page.goto(`/${ORG}/clusters/new`);
    await page.getByLabel("クラスター名").fill(NAME);
    await page.getByLabel("ゾーン", { exact: true }).selectOption("jp-tokyo-1a");
    const gpu = page.getByTestId("pool-form").nth(0);
    await gpu.getByLabel("プール名").fill("gpu");
    await gpu.getByLabel("GPUシェイプ").selectOption("h200-8x");
    await gpu.getByLabel("ノード数").fill("1");
    await page.getByRole("button", { name: "ノードプールを追加" }).click();
    await page.getByTestId("pool-form").nth(1).getByLabel("ノード数").fill("13");
    // (¥20 + ¥8,800 + 13 × ¥60) × 730 h = ¥7,008,000 a month at list prices.
    await expect(page.getByRole("status").filter({ hasText: "部長決裁（e2e）" })).toContainText("課長 → 部長 の承認後に実行されます");
    const submit = page.getByRole("button", { name: "稟議を申請" });
    await expect(submit).toBeDisabled();
    await page.getByLabel("件名").fill("LLM 学習基盤の増強");
    await page.getByLabel("目的").fill("来期の社内向け生成AIの学習のため");
    await submit.click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/approvals/areq_`));
    const first = page.url().split("/").pop()!;
    await expect(page.getByRole("heading", { name: "LLM 学習基盤の増強" })).toBeVisible();
    expect((await apiFromPage(page, `/api/v1/orgs/${ORG}/clusters?q=${NAME}`)).body.items).toHaveLength(0);

    // 課長 (the billing member) finds it in the queue and approves; the 部長 is next.
    const kacho = await as(browser, USERS.billing);
    await kacho.goto(`/${ORG}/approvals`);
    await expect(kacho.getByRole("tab", { name: "承認待ち（自分）" })).toHaveAttribute("aria-selected", "true");
    await kacho.getByRole("link", { name: "LLM 学習基盤の増強" }).click();
    await expect(kacho.getByText("今月の利用額（税抜）")).toBeVisible();
    await kacho.getByRole("button", { name: "承認", exact: true }).click();
    await expect.poll(async () => (await apiFromPage(kacho, `/api/v1/orgs/${ORG}/approval-requests/${first}`)).body.currentStage).toBe(1);

    // 部長 rejects with a comment; the developer reads it.
    await owner.goto(`/${ORG}/approvals/${first}`);
    await owner.getByLabel("コメント").fill("期間を6か月に短縮してください");
    await owner.getByRole("button", { name: "却下", exact: true }).click();
    await expect.poll(async () => (await apiFromPage(owner, `/api/v1/orgs/${ORG}/approval-requests/${first}`)).body.status).toBe("rejected");
    await page.reload();
    await expect(page.getByText("期間を6か月に短縮してください")).toBeVisible();

    // Re-requested, approved by both, and run as the developer's.
    await page.getByRole("button", { name: "同じ内容で再申請" }).click();
    await expect(page).not.toHaveURL(new RegExp(first));
    const second = page.url().split("/").pop()!;
    expect(second).toMatch(/^areq_/);
    await kacho.goto(`/${ORG}/approvals/${second}`);
    await kacho.getByRole("button", { name: "承認", exact: true }).click();
    await expect.poll(async () => (await apiFromPage(kacho, `/api/v1/orgs/${ORG}/approval-requests/${second}`)).body.currentStage).toBe(1);
    await owner.goto(`/${ORG}/approvals/${second}`);
    await owner.getByLabel("コメント").fill("承認します");
    await owner.getByRole("button", { name: "承認", exact: true }).click();
    await expect.poll(async () => (await apiFromPage(owner, `/api/v1/orgs/${ORG}/approval-requests/${second}`)).body.status).toBe("executed");

    const clusters = await apiFromPage(page, `/api/v1/orgs/${ORG}/clusters?q=${NAME}`);
    expect(clusters.body.items).toHaveLength(1);
    leftovers.cluster(clusters.body.items[0].id);
    await page.goto(`/${ORG}/clusters/${clusters.body.items[0].id}`);
    await expect(page.getByRole("heading", { name: NAME }).getByText("稼働中")).toBeVisible(UNTIL_DONE);

    await page.goto(`/${ORG}/approvals/${second}`);
    const [pdf] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "稟議書（PDF）をダウンロード" }).click()]);
    expect(pdf.suggestedFilename()).toBe(`ringi-${second}.pdf`);
  } finally {
    await apiFromPage(owner, `/api/v1/orgs/${ORG}/approval-policies/${policy.body.id}`, { method: "DELETE" });
  }
});

test("a delegate approves for the 部長 during the delegation, and not after it ended", async ({ browser, leftovers }) => {
  const owner = await as(browser, USERS.owner);
  const ownerId = await memberId(owner, USERS.owner);
  const viewerId = await memberId(owner, USERS.viewer);
  const policy = await apiFromPage(owner, `/api/v1/orgs/${ORG}/approval-policies`, {
    method: "POST",
    body: { name: "部長決裁・代理（e2e）", actions: ["cluster.create"], thresholdMonthlyJpy: 50_000, stages: [{ name: "部長", approvers: { userIds: [ownerId] } }] },
  });
  const ended = await apiFromPage(owner, `/api/v1/orgs/${ORG}/approval-delegations`, { method: "POST", body: { delegateUserId: viewerId, fromDate: jstDay(-3), toDate: jstDay(-1), reason: "先週の出張" } });
  let current: { body: { id: string } } | null = null;
  try {
    const developer = await as(browser, USERS.developer);
    const order = await apiFromPage(developer, `/api/v1/orgs/${ORG}/clusters`, {
      method: "POST",
      body: { name: `${NAME}-d`, zoneId: "jp-tokyo-1a", kubernetesVersion: "1.36", nodePools: [{ name: "system", shapeId: "cpu-16", count: 1 }], approval: { subject: "検証環境", purpose: "代理承認の確認" } },
    });
    expect(order.status).toBe(202);
    const id = order.body.id;

    // After the delegation ended: nothing to decide, and the API says no.
    const deputy = await as(browser, USERS.viewer);
    await deputy.goto(`/${ORG}/approvals/${id}`);
    await expect(deputy.getByRole("heading", { name: "検証環境" })).toBeVisible();
    await expect(deputy.getByRole("button", { name: "承認", exact: true })).toHaveCount(0);
    expect((await apiFromPage(deputy, `/api/v1/orgs/${ORG}/approval-requests/${id}/decisions`, { method: "POST", body: { decision: "approve" } })).status).toBe(403);

    // During a delegation for today: the delegate decides on the 部長's behalf.
    current = await apiFromPage(owner, `/api/v1/orgs/${ORG}/approval-delegations`, { method: "POST", body: { delegateUserId: viewerId, fromDate: jstToday(), toDate: jstToday(), reason: "本日不在" } });
    await deputy.reload();
    await expect(deputy.getByText(/の代理として「部長」を承認・却下できます/)).toBeVisible();
    await deputy.getByRole("button", { name: "承認", exact: true }).click();
    await expect.poll(async () => (await apiFromPage(deputy, `/api/v1/orgs/${ORG}/approval-requests/${id}`)).body.status).toBe("executed");
    const after = await apiFromPage(deputy, `/api/v1/orgs/${ORG}/approval-requests/${id}`);
    expect(after.body.stages[0].decision).toMatchObject({ deciderUserId: viewerId, onBehalfOfUserId: ownerId });
    const clusters = await apiFromPage(owner, `/api/v1/orgs/${ORG}/clusters?q=${NAME}-d`);
    leftovers.cluster(clusters.body.items[0].id);
  } finally {
    await apiFromPage(owner, `/api/v1/orgs/${ORG}/approval-policies/${policy.body.id}`, { method: "DELETE" });
    for (const d of [ended, current]) if (d?.body?.id) await apiFromPage(owner, `/api/v1/orgs/${ORG}/approval-delegations/${d.body.id}`, { method: "DELETE" });
  }
});
