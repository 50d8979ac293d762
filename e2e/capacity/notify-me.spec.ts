import type { Page } from "@playwright/test";
import { apiFromPage, expect, ORG, OTHER_ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";

// 空いたら通知: a developer asks to hear when one H200 machine is free in jp-tokyo-1a, while another
// customer's reservation (from tomorrow, so its machines are held already) takes every free one.
// The test frees the capacity the way the queue journey does (the reservation is cancelled before
// its start): exactly one notification arrives. Then the capacity is taken and freed again; a
// second request, placed after the first was served, shows the watcher has run since — and the
// developer still has that one notification.

const ZONE = "jp-tokyo-1a";
const SHAPE = "h200-8x";
const TITLE = `${SHAPE}×1 が ${ZONE} で利用できます`;

const tomorrowJst = () => new Date(Date.now() + 9 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);

/** Reserves every H200 machine the fleet can guarantee in the zone from tomorrow, for the other org; returns its id. */
async function takeAllFree(other: Page): Promise<string> {
  const fits = async (count: number) =>
    (await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/reservations/quote`, { method: "POST", body: { shapeId: SHAPE, zoneId: ZONE, count, term: "1w", startDate: tomorrowJst() } })).body.available === true;
  let low = 0;
  let high = 256;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (await fits(mid)) low = mid;
    else high = mid - 1;
  }
  expect(low).toBeGreaterThan(0);
  const ordered = await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/reservations`, { method: "POST", body: { shapeId: SHAPE, zoneId: ZONE, count: low, term: "1w", startDate: tomorrowJst() } });
  expect(ordered.status, JSON.stringify(ordered.body)).toBe(202);
  const id = ordered.body.target.id as string;
  await expect.poll(async () => (await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/reservations/${id}`)).body.status, UNTIL_DONE).toBe("pending");
  return id;
}

async function capacityNotices(page: Page): Promise<number> {
  const page1 = await apiFromPage(page, `/api/v1/orgs/${ORG}/notifications?limit=100`);
  return (page1.body.items as { titleKey: string; params: Record<string, unknown> }[]).filter((n) => n.titleKey === "capacityAvailable.title" && n.params.zone === ZONE && n.params.shape === SHAPE).length;
}

async function requestState(page: Page, org: string, id: string): Promise<string> {
  const list = await apiFromPage(page, `/api/v1/orgs/${org}/capacity-requests`);
  return (list.body.items as { id: string; state: string }[]).find((r) => r.id === id)?.state ?? "missing";
}

test("notify me: one notification when the capacity frees, none when it frees again", async ({ page, browser }) => {
  const other = await (await browser.newContext()).newPage();
  await signIn(other, USERS.otherOwner);
  const held: string[] = [];
  try {
    held.push(await takeAllFree(other));

    await signIn(page, USERS.developer);
    const before = await capacityNotices(page);
    await page.goto(`/${ORG}/reservations`);
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "空いたら通知" }) });
    await form.getByLabel("GPUシェイプ").selectOption(SHAPE);
    await form.getByLabel("ゾーン").selectOption(ZONE);
    await form.getByLabel("台数").fill("1");
    await form.getByRole("button", { name: "空いたら通知" }).click();
    const row = page.getByRole("row").filter({ hasText: `${SHAPE} × 1（${ZONE}）` }).first();
    await expect(row).toContainText("待機中");
    const mine = (await apiFromPage(page, `/api/v1/orgs/${ORG}/capacity-requests`)).body.items.find((r: { state: string; zoneId: string; shapeId: string }) => r.state === "waiting" && r.zoneId === ZONE && r.shapeId === SHAPE).id as string;

    // The capacity frees: the request is served, and the bell says so once.
    expect((await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/reservations/${held.pop()}`, { method: "DELETE" })).status).toBe(200);
    await expect.poll(() => requestState(page, ORG, mine), UNTIL_DONE).toBe("notified");
    await page.reload();
    await expect(row).toContainText("通知済み");
    expect(await capacityNotices(page)).toBe(before + 1);
    const bell = page.getByTestId("notification-bell");
    await bell.click();
    await expect(page.getByTestId("notification-item").filter({ hasText: TITLE })).toHaveCount(before + 1);
    await page.keyboard.press("Escape");

    // Taken and freed again. A request placed now (by the other customer) is served only by a
    // watcher run after this freeing; once it is, the developer has still heard only once.
    held.push(await takeAllFree(other));
    const sentinel = await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/capacity-requests`, { method: "POST", body: { shapeId: SHAPE, zoneId: ZONE, count: 1 } });
    expect(sentinel.status, JSON.stringify(sentinel.body)).toBe(201);
    expect(await requestState(other, OTHER_ORG, sentinel.body.id)).toBe("waiting");
    expect((await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/reservations/${held.pop()}`, { method: "DELETE" })).status).toBe(200);
    await expect.poll(() => requestState(other, OTHER_ORG, sentinel.body.id), UNTIL_DONE).toBe("notified");
    expect(await capacityNotices(page)).toBe(before + 1);
    expect(await requestState(page, ORG, mine)).toBe("notified");
  } finally {
    for (const id of held) await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/reservations/${id}`, { method: "DELETE" });
    await other.context().close();
  }
});
