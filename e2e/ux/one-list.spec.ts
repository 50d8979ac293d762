import { apiFromPage, expect, ORG, signIn, test, USERS } from "../fixtures";
import { runningEndpointViaApi } from "../endpoints/helpers";

// Issue 23 §7: clusters and endpoints are listed by one template. The same toolbar (name search,
// status, region, sort) narrows both lists the same way, keeps its values in the address (a
// reload or a shared link shows the same list), and both say "nothing matches" the same way with
// a way to clear the filters. An endpoint's URL is copied with a button that says it copied.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const STAMP = Date.now().toString(36);

test("both lists filter by name and region the same way, keep the filters in the URL, and the endpoint URL copies", async ({ page, baseURL, leftovers }) => {
  await signIn(page, USERS.owner);
  await page.goto(`/${ORG}`);
  const prefix = `lst${STAMP}`;
  const clusterName = `${prefix}-cl`;
  const endpointName = `${prefix}-ep`;
  const launched = await apiFromPage(page, `/api/v1/orgs/${ORG}/clusters`, {
    method: "POST",
    body: { name: clusterName, zoneId: "jp-tokyo-1a", kubernetesVersion: "1.36", controlPlane: "single", nodePools: [{ name: "system", shapeId: "cpu-16", count: 1 }] },
  });
  expect(launched.status, JSON.stringify(launched.body)).toBe(202);
  leftovers.cluster(launched.body.target.id);
  const endpoint = await runningEndpointViaApi(page, leftovers, endpointName);

  for (const [list, name, rowTestId] of [
    ["clusters", clusterName, "cluster-row"],
    ["endpoints", endpointName, "endpoint-row"],
  ] as const) {
    await page.goto(`/${ORG}/${list}`);
    const main = page.getByRole("main");
    const rows = main.getByTestId(rowTestId);
    const toolbar = main.getByRole("search", { name: "一覧の絞り込み" });

    await toolbar.getByLabel("名前で検索").fill(prefix);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}`));
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(name);
    // The zone reads by its data center, as the wizards name it.
    await expect(rows.first()).toContainText("東京A（江東区）");

    // Another region: nothing matches, said the same way on both lists, with a way back.
    await toolbar.getByLabel("リージョン").selectOption("jp-hokkaido-1");
    await expect(page).toHaveURL(/[?&]region=jp-hokkaido-1/);
    await expect(rows).toHaveCount(0);
    await expect(main.getByRole("heading", { name: /^条件に一致する(クラスター|エンドポイント)はありません。$/ })).toBeVisible();
    await expect(main.getByRole("button", { name: "条件をクリア" })).toBeVisible();

    await toolbar.getByLabel("リージョン").selectOption("jp-tokyo-1");
    await toolbar.getByLabel("並び順").selectOption("name_desc");
    await expect(page).toHaveURL(/[?&]sort=name_desc/);
    await expect(rows).toHaveCount(1);

    // The address is the list: a reload (or the link sent to a colleague) shows the same filters.
    await page.reload();
    await expect(toolbar.getByLabel("名前で検索")).toHaveValue(prefix);
    await expect(toolbar.getByLabel("リージョン")).toHaveValue("jp-tokyo-1");
    await expect(toolbar.getByLabel("並び順")).toHaveValue("name_desc");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(name);

    // Two filters changed before the list caught up with the first (a quick hand, a busy
    // machine): both stay — the second change does not bring back the first one's old value.
    await toolbar.evaluate((bar) => {
      const change = (label: string, value: string) => {
        const select = [...bar.querySelectorAll("label")].find((l) => l.textContent?.trim() === label)?.control as HTMLSelectElement;
        select.value = value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      };
      change("リージョン", "jp-hokkaido-1");
      change("並び順", "name_asc");
    });
    await expect(page).toHaveURL(/[?&]sort=name_asc/);
    await expect(page).toHaveURL(/[?&]region=jp-hokkaido-1/);
    await expect(toolbar.getByLabel("リージョン")).toHaveValue("jp-hokkaido-1");
    await expect(rows).toHaveCount(0);
    await toolbar.getByLabel("リージョン").selectOption("jp-tokyo-1");
    await expect(rows).toHaveCount(1);
  }

  // The endpoint's base URL: a copy button beside it, an announcement, and the URL on the clipboard.
  await page.getByRole("main").getByRole("link", { name: endpointName }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/endpoints/${endpoint.id}`));
  const url = `${baseURL}/inference/${endpoint.id}/v1`;
  await expect(page.getByTestId("base-url")).toHaveText(url);
  await page.getByRole("button", { name: "ベースURLをコピー" }).click();
  await expect(page.getByRole("status").filter({ hasText: "ベースURLをコピーしました" })).toHaveCount(1);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.getByRole("button", { name: "モデル名をコピー" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(endpoint.modelId);
});
