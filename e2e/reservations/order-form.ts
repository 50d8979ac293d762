import type { Page } from "@playwright/test";

// The reservation order form as the journeys fill it, and the date they order for.

const JST_MS = 9 * 3_600_000;
const DAY = 86_400_000;

/** Next Monday's date in JST (a week ahead when today is Monday), as YYYY-MM-DD. */
export function nextMondayJst(): string {
  const jst = new Date(Date.now() + JST_MS);
  const daysAhead = ((8 - jst.getUTCDay()) % 7) || 7;
  return new Date(jst.getTime() + daysAhead * DAY).toISOString().slice(0, 10);
}

/** Chooses shape, zone, node count and term, and a start date (JST) on /{org}/reservations/new. */
export async function fillOrderForm(page: Page, order: { shapeId: string; zoneId: string; nodes: number; term: string; startDate: string }): Promise<void> {
  await page.getByLabel("GPUシェイプ").selectOption(order.shapeId);
  await page.getByLabel("ゾーン", { exact: true }).selectOption(order.zoneId);
  await page.getByLabel("ノード数").fill(String(order.nodes));
  await page.getByLabel("期間", { exact: true }).selectOption(order.term);
  await page.getByLabel("日付を指定").check();
  await page.getByLabel("開始日（日本時間）").fill(order.startDate);
}
