import type { Page } from "@playwright/test";
import { expect, ORG, signIn, test, USERS } from "../fixtures";

// Filters, breakdowns and tabs live in the address, so a view can be shared and survives a
// reload. A person who changes one and at once another (no pause for the page to catch up) must
// find both in the address and on the page. Each change here follows the last without waiting,
// and the server answers the router's page requests slowly, as it does under load: a change that
// waited for such an answer before it showed in the address was undone by the next one.

async function expectKept(page: Page, expected: Record<string, string>) {
  for (const [name, value] of Object.entries(expected)) await expect(page).toHaveURL(new RegExp(`[?&]${name}=${value}(&|$)`));
}

test("two filters changed one right after the other both stay: operations, shapes and the cost explorer", async ({ page }) => {
  await signIn(page, USERS.owner);
  await page.route(
    (url) => url.searchParams.has("_rsc"),
    async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue().catch(() => undefined); // the page may have moved on meanwhile
    },
  );

  await page.goto(`/${ORG}/operations`);
  const main = page.getByRole("main");
  await main.getByLabel("対象の種類").selectOption("cluster");
  await main.getByLabel("状態", { exact: true }).selectOption("succeeded");
  await expectKept(page, { kind: "cluster", status: "succeeded" });
  await page.reload();
  await expect(main.getByLabel("対象の種類")).toHaveValue("cluster");
  await expect(main.getByLabel("状態", { exact: true })).toHaveValue("succeeded");

  await page.goto(`/${ORG}/shapes`);
  const filters = main.getByRole("search", { name: "シェイプの絞り込み" });
  const region = filters.getByLabel("リージョン");
  const regionId = await region.locator("option").nth(1).getAttribute("value");
  await filters.getByLabel("GPUモデル").selectOption("H100");
  await region.selectOption(regionId!);
  await expectKept(page, { gpuModel: "H100", regionId: regionId! });
  await expect(filters.getByLabel("GPUモデル")).toHaveValue("H100");
  await expect(region).toHaveValue(regionId!);

  await page.goto(`/${ORG}/billing`);
  const month = main.getByLabel("対象月");
  const lastMonth = await month.locator("option").nth(1).getAttribute("value");
  await month.selectOption(lastMonth!);
  await main.getByRole("group", { name: "内訳の切り口" }).getByRole("button", { name: "リージョン" }).click();
  await expectKept(page, { month: lastMonth!, by: "region" });
  await expect(month).toHaveValue(lastMonth!);
  await expect(main.getByRole("group", { name: "内訳の切り口" }).getByRole("button", { name: "リージョン" })).toHaveAttribute("aria-pressed", "true");
});
