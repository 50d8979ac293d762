import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";
import { fillOrderForm, nextMondayJst } from "./order-form";

// A large reservation under the contract's approval threshold: the account manager sets the
// threshold on the account's contract page (a yen below this order's total commitment); the
// customer's order form says before ordering that the account manager must approve and above
// what; ordered with 件名・目的 it waits in a 稟議 for the manager; the manager approves it on the
// staff console; the reservation is placed, 開始前 until next Monday. At the end the journey
// cancels the reservation and sets the threshold back to none, so later journeys order freely.

const ZONE = "jp-tokyo-1b";
const SHAPE = "h200-8x";
const JST_MS = 9 * 3_600_000;
const SUBJECT = `大口予約の承認 ${Date.now().toString(36)}`;

const todayJst = () => new Date(Date.now() + JST_MS).toISOString().slice(0, 10);
const formatYen = (n: number) => `¥${n.toLocaleString("ja-JP")}`;

test("a reservation above the contract's threshold waits for the account manager, who approves it on the staff console; it is then pending", async ({ page, browser }) => {
  const monday = nextMondayJst();
  const order = { shapeId: SHAPE, zoneId: ZONE, count: 1, term: "1w", startDate: monday };
  await signIn(page, USERS.owner);
  const quote = (await apiFromPage(page, `/api/v1/orgs/${ORG}/reservations/quote`, { method: "POST", body: order })).body;
  expect(quote.available, JSON.stringify(quote)).toBe(true);
  const threshold = quote.totalCommitment.amount - 1;

  const staff = await browser.newContext();
  const am = await staff.newPage();
  await signIn(am, USERS.accountManager);
  let reservationId: string | null = null;
  try {
    // The manager sets the threshold on the contract page.
    await am.goto(`/staff/accounts/${ORG}`);
    await am.getByRole("button", { name: "契約条件を変更" }).click();
    await am.getByLabel("予約の承認基準額（確約総額・税抜）").fill(String(threshold));
    await am.getByRole("button", { name: "この条件で保存" }).click();
    await expect(am.getByText("契約条件を保存しました。適用開始日から請求に反映されます。")).toBeVisible();

    // The order form says so before ordering, and asks for 件名・目的 at once.
    await page.goto(`/${ORG}/reservations/new`);
    await fillOrderForm(page, { shapeId: SHAPE, zoneId: ZONE, nodes: 1, term: "1w", startDate: monday });
    await expect(page.getByTestId("account-manager-approval-notice")).toHaveText(
      `ご契約により、確約総額が ${formatYen(threshold)} を超える予約は担当アカウントマネージャーの承認後に発注します。承認までは容量を確保しません。`,
      UNTIL_DONE,
    );
    const held = page.getByTestId("held-order-fields");
    await expect(held.getByRole("status")).toContainText(`確約総額が ${formatYen(threshold)} を超える予約は、担当アカウントマネージャーの承認を得てから発注します。`);
    const submit = page.getByRole("button", { name: /で予約を注文$/ });
    await expect(submit).toBeDisabled();
    await held.getByLabel("件名").fill(SUBJECT);
    await held.getByLabel("目的").fill("来週の評価ジョブのため、H200を1週間確保します。");
    await submit.click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/approvals/areq_`), UNTIL_DONE);
    const requestId = page.url().split("/").pop()!;
    await expect(page.getByText("1. 担当アカウントマネージャー")).toBeVisible();
    // No member of the org can decide it: the page offers no decision, the API refuses it.
    await expect(page.getByRole("button", { name: "承認", exact: true })).toHaveCount(0);
    const byOwner = await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-requests/${requestId}/decisions`, { method: "POST", body: { decision: "approve" } });
    expect(byOwner.status).toBe(403);

    // The manager approves it on the staff console.
    await am.goto("/staff/approval-requests");
    const row = am.getByTestId("staff-approval-request").filter({ hasText: SUBJECT });
    await expect(row).toContainText(formatYen(quote.totalCommitment.amount));
    await expect(row).toContainText(formatYen(threshold));
    await row.getByRole("button", { name: "承認", exact: true }).click();
    const dialog = am.getByRole("dialog", { name: "予約を承認して発注" });
    await dialog.getByLabel("コメント（任意）").fill("与信枠内のため承認します");
    await dialog.getByRole("button", { name: "承認して発注" }).click();
    await expect(am.getByText("承認し、予約を発注しました。")).toBeVisible(UNTIL_DONE);
    await expect(row).toHaveCount(0);
    // Decided, it is listed under 実行済み; the filter lives in the address and survives a reload.
    await am.getByLabel("状態", { exact: true }).selectOption("executed");
    await expect(am).toHaveURL(/[?&]status=executed(&|$)/);
    await am.reload();
    await expect(am.getByLabel("状態", { exact: true })).toHaveValue("executed");
    await expect(row).toContainText("実行済み");

    // The customer finds it executed and the reservation placed, 開始前 until Monday.
    await page.reload();
    await expect(page.getByText("実行済み").first()).toBeVisible();
    const request = (await apiFromPage(page, `/api/v1/orgs/${ORG}/approval-requests/${requestId}`)).body;
    expect(request).toMatchObject({ status: "executed", stages: [{ accountManager: { thresholdJpy: threshold }, state: "approved", decision: { comment: "与信枠内のため承認します" } }] });
    const operation = (await apiFromPage(page, `/api/v1/orgs/${ORG}/operations/${request.operationId}`)).body;
    reservationId = operation.target.id as string;
    await page.goto(`/${ORG}/reservations/${reservationId}`);
    await expect(page.getByText("開始前", { exact: true })).toBeVisible(UNTIL_DONE);
    const reservation = (await apiFromPage(page, `/api/v1/orgs/${ORG}/reservations/${reservationId}`)).body;
    expect(reservation).toMatchObject({ status: "pending", totalCommitment: { amount: quote.totalCommitment.amount } });
  } finally {
    if (reservationId) await apiFromPage(page, `/api/v1/orgs/${ORG}/reservations/${reservationId}`, { method: "DELETE" });
    // The threshold back to none (a new version from today with the same other terms).
    const contract = (await apiFromPage(am, `/api/v1/staff/accounts/${ORG}/contract`)).body;
    const terms = contract.upcoming.at(-1) ?? contract.current;
    const reset = await apiFromPage(am, `/api/v1/staff/accounts/${ORG}/contract`, { method: "PUT", body: { ...terms, effectiveFrom: todayJst(), reservationApprovalAboveJpy: null } });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    await staff.close();
  }
});
