import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { parse } from "yaml";
import { apiFromPage, expect, ORG, OTHER_ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";

// A developer launches a two-pool cluster through the wizard (price, capacity and quota in view),
// watches it become running, scales a pool, downloads a kubeconfig that kubectl accepts, and
// deletes the cluster by typing its name. A viewer sees clusters but can change nothing and
// cannot download credentials; another org's owner cannot even see it.

const NAME = `e2e-${Date.now().toString(36)}`;

test("a developer launches, watches, scales, connects to and deletes a cluster", async ({ page, leftovers }) => {
  await signIn(page, USERS.developer);
  await page.goto(`/${ORG}/clusters`);
  await expect(page.getByRole("heading", { name: "クラスター", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "クラスターを作成" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/clusters/new`));

  // Say no before submit: too many H100s for the quota, with the way out.
  await page.getByLabel("クラスター名").fill(NAME);
  await page.getByLabel("ゾーン", { exact: true }).selectOption("jp-tokyo-1b");
  const firstPool = page.getByTestId("pool-form").nth(0);
  await firstPool.getByLabel("プール名").fill("gpu");
  await firstPool.getByLabel("GPUシェイプ").selectOption("h100-8x");
  await firstPool.getByLabel("ノード数").fill("4");
  await expect(firstPool.getByText(/H100 のクォータを超えます/)).toBeVisible();
  await expect(page.getByRole("button", { name: "クラスターを作成" })).toBeDisabled();
  await expect(firstPool.getByRole("link", { name: "クォータの引き上げを申請（H100 +32）" })).toBeVisible();

  // Two pools that fit: L40S for inference and a CPU system pool; the price follows the form.
  await firstPool.getByLabel("GPUシェイプ").selectOption("l40s-1x");
  await firstPool.getByLabel("ノード数").fill("2");
  await page.getByRole("button", { name: "ノードプールを追加" }).click();
  const secondPool = page.getByTestId("pool-form").nth(1);
  await expect(secondPool.getByLabel("GPUシェイプ")).toHaveValue("cpu-16");
  const summary = page.getByTestId("price-summary");
  // control plane ¥20 + 2 × ¥290 + 2 × ¥60 = ¥720/h, ¥525,600 per 730-hour month
  await expect(summary.getByTestId("price-per-hour")).toHaveText("¥720");
  await expect(summary.getByTestId("price-per-month")).toHaveText("¥525,600");
  await expect(summary).toContainText("空き");
  await expect(summary.getByTestId("quota-line")).toContainText(/使用中 \d+ ＋ 今回 2 ＝ \d+ GPU（上限 \d+）/);

  // Double click: one cluster only.
  const submit = page.getByRole("button", { name: "クラスターを作成" });
  await expect(submit).toBeEnabled();
  await submit.dblclick();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/clusters/cl_`));
  const clusterId = page.url().split("/").pop()!;
  leftovers.cluster(clusterId);
  await expect(page.getByRole("heading", { name: NAME })).toBeVisible();

  // It follows the launch by itself until running.
  await expect(page.getByText(/作成中|稼働中/).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: NAME }).getByText("稼働中")).toBeVisible(UNTIL_DONE);
  await expect(page.getByTestId("node-row")).toHaveCount(4);
  const list = await apiFromPage(page, `/api/v1/orgs/${ORG}/clusters?q=${NAME}`);
  expect(list.body.items).toHaveLength(1);

  // Scale the GPU pool from 2 to 3 nodes.
  const gpuRow = page.getByTestId("pool-row").filter({ hasText: "l40s-1x" });
  await gpuRow.getByRole("button", { name: "スケール" }).click();
  await page.getByRole("dialog").getByLabel("ノード数").fill("3");
  await page.getByRole("dialog").getByRole("button", { name: "適用" }).click();
  await expect(page.getByRole("heading", { name: NAME }).getByText(/更新中|稼働中/)).toBeVisible();
  await expect(gpuRow.getByTestId("pool-count")).toHaveText("3");
  await expect(page.getByRole("heading", { name: NAME }).getByText("稼働中")).toBeVisible(UNTIL_DONE);
  await expect(page.getByTestId("node-row")).toHaveCount(5);
  await expect(page.getByTestId("operation-row").filter({ hasText: "ノードプールのスケール" })).toContainText("完了");

  // Download a kubeconfig (shown once) and check kubectl reads it.
  await page.getByRole("button", { name: "kubeconfigを発行" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "発行", exact: true }).click();
  await expect(page.getByTestId("kubeconfig-expiry")).toContainText("有効期限");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("dialog").getByRole("button", { name: "ダウンロード" }).click()]);
  expect(download.suggestedFilename()).toBe(`kubeconfig-${NAME}.yaml`);
  const file = await download.path();
  const doc = parse(readFileSync(file, "utf8"));
  expect(doc).toMatchObject({ apiVersion: "v1", kind: "Config", "current-context": `hinoki-${ORG}-${NAME}` });
  const ca = new X509Certificate(Buffer.from(doc.clusters[0].cluster["certificate-authority-data"], "base64"));
  expect(ca.ca).toBe(true);
  expect(doc.users[0].user.token).toMatch(/^hnk_k8s_/);
  // kubectl itself reads it (the test script installs it when missing).
  const view = parse(execFileSync("kubectl", ["config", "view", "--kubeconfig", file, "-o", "yaml"], { encoding: "utf8" }));
  expect(view.clusters[0].cluster.server).toBe(doc.clusters[0].cluster.server);
  expect(view.contexts[0].name).toBe(`hinoki-${ORG}-${NAME}`);
  await page.getByRole("dialog").getByRole("button", { name: "閉じる" }).last().click();

  // Delete after typing the name.
  await page.getByRole("button", { name: "クラスターを削除" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm.getByRole("button", { name: "クラスターを削除" })).toBeDisabled();
  await confirm.getByLabel(`「${NAME}」と入力`).fill(NAME);
  await confirm.getByRole("button", { name: "クラスターを削除" }).click();
  await expect(page.getByRole("heading", { name: NAME }).getByText("削除済み")).toBeVisible(UNTIL_DONE);
  const audit = await apiFromPage(page, `/api/v1/orgs/${ORG}/operations?targetId=${clusterId}`);
  expect(audit.body.items.map((o: { kind: string }) => o.kind)).toEqual(["cluster.delete", "cluster.scale_pool", "cluster.create"]);
  await page.goto(`/${ORG}/clusters`);
  await expect(page.getByTestId("cluster-row").filter({ hasText: NAME })).toHaveCount(0);
});

test("a viewer sees clusters but cannot change them or download credentials; other orgs get a 404", async ({ page, browser }) => {
  await signIn(page, USERS.viewer);
  await page.goto(`/${ORG}/clusters`);
  const row = page.getByTestId("cluster-row").filter({ hasText: "prod-training" });
  await expect(row).toBeVisible();
  await expect(page.getByRole("link", { name: "クラスターを作成" })).toHaveCount(0);
  await row.getByRole("link", { name: "prod-training" }).click();
  await expect(page.getByRole("heading", { name: "prod-training" })).toBeVisible();
  await expect(page.getByTestId("pool-row").first()).toContainText("h100-8x");
  await expect(page.getByRole("button", { name: "kubeconfigを発行" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "スケール" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "クラスターを削除" })).toHaveCount(0);
  const clusterId = page.url().split("/").pop()!;
  expect((await page.goto(`/${ORG}/clusters/cl_no_such_cluster`))?.status()).toBe(404);

  // The server refuses regardless of what the page shows.
  const kubeconfig = await apiFromPage(page, `/api/v1/orgs/${ORG}/clusters/${clusterId}/kubeconfig`, { method: "POST", body: {} });
  expect(kubeconfig.status).toBe(403);
  const launch = await apiFromPage(page, `/api/v1/orgs/${ORG}/clusters`, { method: "POST", body: { name: "nope", zoneId: "jp-tokyo-1a", kubernetesVersion: "1.37", nodePools: [{ name: "a", shapeId: "cpu-16", count: 1 }] } });
  expect(launch.status).toBe(403);
  const del = await apiFromPage(page, `/api/v1/orgs/${ORG}/clusters/${clusterId}`, { method: "DELETE" });
  expect(del.status).toBe(403);

  const other = await browser.newPage();
  await signIn(other, USERS.otherOwner);
  const foreign = await apiFromPage(other, `/api/v1/orgs/${OTHER_ORG}/clusters/${clusterId}`);
  expect(foreign.status).toBe(404);
  const viaSlug = await apiFromPage(other, `/api/v1/orgs/${ORG}/clusters/${clusterId}`);
  expect(viaSlug.status).toBe(404);
  // The page, rendered on the server with the cluster in it, is a 404 too: under the other
  // org's own slug (the cluster is not theirs) and under this org's slug (not their org).
  expect((await other.goto(`/${OTHER_ORG}/clusters/${clusterId}`))?.status()).toBe(404);
  expect((await other.goto(`/${ORG}/clusters/${clusterId}`))?.status()).toBe(404);
  await other.close();
});
