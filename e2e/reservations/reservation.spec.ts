import type { Page } from "@playwright/test";
import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";
import { fillOrderForm, nextMondayJst } from "./order-form";

// キャパシティ予約, as an owner plans it: one H200 machine in jp-tokyo-1b for a week from next
// Monday (JST). The form prices it before ordering (list and reserved rate, term discount, the
// whole commitment, the same hours on demand); ordered, it is 開始前. The server's simulator keeps
// the system clock, so the journey moves this one reservation's time (test hook, loopback only:
// lib/server/test-hooks.ts): its start comes, it is 有効, the launch wizard offers it, and the
// launch into it takes none of the machines the fleet can still promise to others, and the cost
// explorer lists it with its charge for the month. At the end the
// journey ends the reservation the same way, so no held machine is left for later journeys.

// H200: the demo org's H100 quota in Tokyo is all used by its running demo cluster.
const ZONE = "jp-tokyo-1b";
const SHAPE = "h200-8x";
const NAME = `e2e-rsv-${Date.now().toString(36)}`;
const JST_MS = 9 * 3_600_000;
const DAY = 86_400_000;

/** The value beside a label in a definition list (the quote, the reservation's facts). */
const valueOf = (page: Page, label: string) => page.locator("dt").filter({ hasText: new RegExp(`^${label.replace(/[()（）]/g, "\\$&")}$`) }).locator("xpath=following-sibling::dd[1]");

const yen = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

/** How many machines of the shape the fleet can still guarantee in the zone from tomorrow for a week (the quote's yes or no, bisected). */
async function guaranteedMachines(page: Page): Promise<number> {
  const tomorrow = new Date(Date.now() + JST_MS + DAY).toISOString().slice(0, 10);
  const fits = async (count: number) =>
    (await apiFromPage(page, `/api/v1/orgs/${ORG}/reservations/quote`, { method: "POST", body: { shapeId: SHAPE, zoneId: ZONE, count, term: "1w", startDate: tomorrow } })).body.available === true;
  let low = 0;
  let high = 128;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (await fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The journeys' time travel for one reservation (refused with 404 outside the e2e server). */
async function travel(page: Page, reservationId: string, move: "start" | "end") {
  const response = await page.request.post(`/_test/reservations/${reservationId}/${move}`);
  expect(response.status(), await response.text()).toBe(200);
}

test("a reservation for next Monday is priced, ordered and pending, then active; a launch into it uses no on-demand capacity", async ({ page, leftovers }) => {
  await signIn(page, USERS.owner);
  const monday = nextMondayJst();
  let reservationId: string | null = null;
  let started = false;
  try {
    // Priced before ordering, with the numbers the API quotes.
    await page.goto(`/${ORG}/reservations/new`);
    await fillOrderForm(page, { shapeId: SHAPE, zoneId: ZONE, nodes: 1, term: "1w", startDate: monday });
    const quote = (await apiFromPage(page, `/api/v1/orgs/${ORG}/reservations/quote`, { method: "POST", body: { shapeId: SHAPE, zoneId: ZONE, count: 1, term: "1w", startDate: monday } })).body;
    expect(quote.available).toBe(true);
    expect(quote.startsAt).toBe(new Date(Date.parse(`${monday}T00:00:00+09:00`)).toISOString());
    expect(Number(quote.termDiscountPercent)).toBeGreaterThan(0);
    expect(Number(quote.reservedRatePerHour)).toBeLessThan(Number(quote.listRatePerHour));
    // The commitment is the reserved rate for every hour of the week, and less than on demand.
    expect(Math.abs(quote.totalCommitment.amount - Number(quote.reservedRatePerHour) * 168)).toBeLessThan(1);
    expect(quote.onDemandEquivalent.amount).toBeGreaterThan(quote.totalCommitment.amount);

    const priced = page.getByText("この期間の確保を保証できます。");
    await expect(priced).toBeVisible();
    const value = (label: string) => valueOf(page, label);
    await expect(value("予約期間")).toContainText(`${Number(monday.slice(5, 7))}月${Number(monday.slice(8, 10))}日`);
    await expect(value("予約単価")).toHaveText(`¥${quote.reservedRatePerHour} / ノード時間`);
    await expect(value("割引")).toHaveText(`期間割引 ${quote.termDiscountPercent}%・契約割引 ${quote.contractDiscountPercent}%`);
    expect(yen(await value("契約総額（税抜）").textContent())).toBe(quote.totalCommitment.amount);
    expect(yen(await value("同じ時間をオンデマンドで利用した場合").textContent())).toBe(quote.onDemandEquivalent.amount);
    expect(yen(await value("差額").textContent())).toBe(quote.saving.amount);

    // Ordered: pending until Monday.
    await page.getByRole("button", { name: /で予約を注文$/ }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/reservations/rsv_`));
    reservationId = page.url().split("/").pop()!;
    await expect(page.getByText("開始前", { exact: true })).toBeVisible(UNTIL_DONE);
    const ordered = await apiFromPage(page, `/api/v1/orgs/${ORG}/reservations/${reservationId}`);
    expect(ordered.body).toMatchObject({ status: "pending", startsAt: quote.startsAt, totalCommitment: { amount: quote.totalCommitment.amount } });

    // Monday comes for this reservation: it is active, for the same term.
    await travel(page, reservationId, "start");
    started = true;
    await page.reload();
    await expect(page.getByText("有効", { exact: true })).toBeVisible();
    const active = (await apiFromPage(page, `/api/v1/orgs/${ORG}/reservations/${reservationId}`)).body;
    expect(active.status).toBe("active");
    expect(Date.parse(active.endsAt) - Date.parse(active.startsAt)).toBe(7 * DAY);
    const promisable = await guaranteedMachines(page);

    // The wizard offers it; the launch draws on it.
    await page.goto(`/${ORG}/clusters/new`);
    await page.getByLabel("クラスター名").fill(NAME);
    await page.getByLabel("ゾーン", { exact: true }).selectOption(ZONE);
    const pool = page.getByTestId("pool-form").nth(0);
    await pool.getByLabel("プール名").fill("gpu");
    await pool.getByLabel("GPUシェイプ").selectOption(SHAPE);
    await pool.getByLabel("ノード数").fill("1");
    const choice = pool.getByLabel("キャパシティ予約");
    await expect(choice.locator("option", { hasText: reservationId })).toHaveCount(1);
    await choice.selectOption(reservationId);
    await page.getByRole("button", { name: "クラスターを作成" }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/clusters/cl_`));
    const clusterId = page.url().split("/").pop()!;
    leftovers.cluster(clusterId);
    await expect(page.getByRole("heading", { name: NAME }).getByText("稼働中")).toBeVisible(UNTIL_DONE);

    // Its node runs on the reserved machine: the reservation shows it in use, and the fleet can
    // promise others exactly as many machines as before the launch.
    await page.goto(`/${ORG}/reservations/${reservationId}`);
    await expect(valueOf(page, "使用中ノード")).toHaveText("1 / 1");
    expect(await guaranteedMachines(page)).toBe(promisable);

    // The cost explorer lists it under 「キャパシティ予約」 with this month's charge, the costs API's
    // figure, outside the usage total, and links to its page.
    await page.goto(`/${ORG}/billing`);
    const costs = (await apiFromPage(page, `/api/v1/orgs/${ORG}/costs`)).body;
    const item = costs.reservations.items.find((r: { id: string }) => r.id === reservationId);
    expect(item).toMatchObject({ status: "active", shapeId: SHAPE, zoneId: ZONE, count: 1 });
    expect(item.chargeJpy).toBeGreaterThan(0);
    const row = page.getByTestId("reservation-costs").locator("tr", { hasText: reservationId });
    await expect(row).toContainText("有効");
    await expect(row).toContainText(`¥${item.chargeJpy.toLocaleString("en-US")}`);
    await expect(page.getByTestId("reservation-costs-note")).toContainText("上の利用料金の合計には含まれていません");
    await row.getByRole("link", { name: `${SHAPE} × 1（${ZONE}）` }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/reservations/${reservationId}$`));
  } finally {
    // No held machine outlives the journey: a pending reservation is cancelled, a started one ends now.
    if (reservationId && started) await travel(page, reservationId, "end");
    else if (reservationId) await apiFromPage(page, `/api/v1/orgs/${ORG}/reservations/${reservationId}`, { method: "DELETE" });
  }
  await expect.poll(async () => (await apiFromPage(page, `/api/v1/orgs/${ORG}/reservations/${reservationId}`)).body.status, UNTIL_DONE).toBe("expired");
});
