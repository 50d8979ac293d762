import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";

// A 稟議 rule on reservations, met in the reservation order form (not the cluster wizard, whose
// preflight knows beforehand): the first 注文 is answered with which rule holds it and whose
// approval it waits for, the form keeps the order and asks for 件名・目的, and the same order sent
// with them becomes a 稟議. Nothing is reserved; the journey withdraws the request and deletes the
// rule, so no rule is left to hold other journeys' orders.

const NAME = `e2e-予約の稟議-${Date.now().toString(36)}`;

test("a reservation held by a 稟議 rule asks for 件名・目的 in the order form and becomes a 稟議", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}/reservations/new`);
  const rule = await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-policies`, {
    method: "POST",
    body: { name: NAME, actions: ["reservation.create"], thresholdMonthlyJpy: 1, stages: [{ name: "課長", approvers: { roles: ["admin"] } }, { name: "部長", approvers: { roles: ["owner"] } }] },
  });
  expect(rule.status, JSON.stringify(rule.body)).toBe(201);
  let requestId: string | null = null;
  try {
    await page.getByLabel("GPUシェイプ").selectOption("h200-8x");
    await page.getByLabel("ゾーン", { exact: true }).selectOption("jp-tokyo-1b");
    await page.getByLabel("ノード数").fill("1");
    await page.getByLabel("期間", { exact: true }).selectOption("1w");
    await expect(page.getByText("この期間の確保を保証できます。")).toBeVisible(UNTIL_DONE);
    const order = page.getByRole("button", { name: /で予約を注文$/ });
    await order.click();

    // The rule and its stages, in words; the order waits for the two fields.
    const held = page.getByTestId("held-order-fields");
    await expect(held.getByRole("status")).toContainText(`稟議ルール「${NAME}」の対象です。課長 → 部長 の承認後に実行されます。`);
    await expect(order).toBeDisabled();
    await held.getByLabel("件名").fill("H200 1週間の検証枠");
    await held.getByLabel("目的").fill("新モデルの評価のため、来週1週間だけ確保します。");
    await expect(order).toBeEnabled();
    await order.click();

    await expect(page).toHaveURL(new RegExp(`/${ORG}/approvals/areq_`), UNTIL_DONE);
    requestId = page.url().split("/").pop()!;
    await expect(page.locator("main h1").first()).toHaveText("H200 1週間の検証枠");
    const request = await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-requests/${requestId}`);
    expect(request.body).toMatchObject({ action: "reservation.create", status: "pending", purpose: "新モデルの評価のため、来週1週間だけ確保します。" });
  } finally {
    if (requestId) await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-requests/${requestId}/withdraw`, { method: "POST" });
    await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-policies/${rule.body.id}`, { method: "DELETE" });
  }
});
