import type { Page } from "@playwright/test";
import { apiFromPage, expect, ORG, OTHER_ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";

// 空き待ち: another customer's reservation (starting tomorrow, so its machines are already held)
// takes every free H200 machine in jp-tokyo-1b. A developer's launch there does not fit: the wizard
// offers to wait, the cluster shows its place in line and an estimated start with its basis (the
// reservation's end is a known release), and it runs by itself once the test frees the capacity
// (the reservation is cancelled before its start).

const ZONE = "jp-tokyo-1b";
const NAME = `e2e-q-${Date.now().toString(36)}`;

/** Tomorrow's date in JST, as YYYY-MM-DD. */
const tomorrowJst = () => new Date(Date.now() + 9 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);

/**
 * The most H200 machines the fleet can guarantee in the zone from tomorrow — every free one (a
 * customer sees only a level, not counts; the quote says yes or no for a count).
 */
async function guaranteedH200(page: Page): Promise<number> {
  const fits = async (count: number) =>
    (await apiFromPage(page, `/api/v1/orgs/${OTHER_ORG}/reservations/quote`, { method: "POST", body: { shapeId: "h200-8x", zoneId: ZONE, count, term: "1w", startDate: tomorrowJst() } })).body.available === true;
  let low = 0;
  let high = 256;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (await fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

test("a launch that does not fit waits in line, shows its place and estimate, and runs when capacity frees", async ({ page, browser, leftovers }) => {
  const other = await (await browser.newContext()).newPage();
  await signIn(other, USERS.otherOwner);
  let reservationId: string | null = null;
  try {
    const free = await guaranteedH200(other);
    expect(free).toBeGreaterThan(0);
    const ordered = await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/reservations`, { method: "POST", body: { shapeId: "h200-8x", zoneId: ZONE, count: free, term: "1w", startDate: tomorrowJst() } });
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(202);
    reservationId = ordered.body.target.id as string;
    await expect.poll(async () => (await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/reservations/${reservationId}`)).body.status, UNTIL_DONE).toBe("pending");
    expect(await guaranteedH200(other)).toBe(0);

    await signIn(page, USERS.developer);
    await page.goto(`/${ORG}/clusters/new`);
    await page.getByLabel("クラスター名").fill(NAME);
    await page.getByLabel("ゾーン", { exact: true }).selectOption(ZONE);
    const pool = page.getByTestId("pool-form").nth(0);
    await pool.getByLabel("プール名").fill("gpu");
    await pool.getByLabel("GPUシェイプ").selectOption("h200-8x");
    await pool.getByLabel("ノード数").fill("1");
    // Refused as it stands; the way out is to wait.
    await expect(page.getByRole("button", { name: "クラスターを作成" })).toBeDisabled();
    const choice = page.getByTestId("queue-choice");
    await choice.getByLabel(/空きが出るまで待つ/).check();
    await page.getByRole("button", { name: "空き待ちに登録", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/clusters/cl_`));
    const clusterId = page.url().split("/").pop()!;
    leftovers.cluster(clusterId);

    // Its place, its estimate and what the estimate rests on.
    await expect(page.getByRole("heading", { name: NAME }).getByText("空き待ち")).toBeVisible();
    const panel = page.getByTestId("queue-panel");
    await expect(panel.getByTestId("queue-position")).toHaveText("1番目");
    await expect(panel.getByTestId("queue-estimate")).toHaveText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    await expect(panel.getByTestId("queue-basis")).toContainText(`${ZONE}のh200-8xは現在0台が空いており`);
    await expect(panel.getByTestId("queue-basis")).toContainText(/予約の終了により[1-9]\d*台の解放が予定され/);
    // The same over the API, and in the org's list of queued orders.
    const queued = await apiFromPage(page, `/api/v1/orgs/${ORG}/queued-orders`);
    expect(queued.body.items).toContainEqual(expect.objectContaining({ target: expect.objectContaining({ id: clusterId }), position: 1, zoneId: ZONE }));
    await page.goto(`/${ORG}/reservations`);
    await expect(page.getByTestId("queued-order-row").filter({ hasText: NAME })).toBeVisible();
    await page.goto(`/${ORG}/clusters/${clusterId}`);

    // The test frees the capacity: the queue starts the launch by itself, and it runs.
    const cancelled = await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/reservations/${reservationId}`, { method: "DELETE" });
    expect(cancelled.status).toBe(200);
    reservationId = null;
    await expect(page.getByRole("heading", { name: NAME }).getByText("稼働中")).toBeVisible(UNTIL_DONE);
    await expect(page.getByTestId("queue-panel")).toHaveCount(0);
  } finally {
    if (reservationId) await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/reservations/${reservationId}`, { method: "DELETE" });
    await other.context().close();
  }
});
