import { expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";
import { uniqueName } from "./helpers";

// A developer creates a scale-to-zero endpoint, waits for it, chats with it in the playground
// (the answer streams in), creates and revokes a key, and sees the requests in the metrics.

test("create an endpoint, chat in the playground, manage a key, see the metrics", async ({ page, baseURL, leftovers }) => {
  await signIn(page, USERS.developer);
  await page.goto(`/${ORG}/endpoints`);
  await page.getByRole("link", { name: "エンドポイントを作成" }).first().click();
  // The list's own search box is 「名前で検索」: wait for the form before filling its 名前.
  await expect(page).toHaveURL(new RegExp(`/${ORG}/endpoints/new$`));

  const name = uniqueName("support");
  await page.getByLabel("名前", { exact: true }).fill(name);
  await page.getByLabel("モデル").selectOption("sarashina2.2-3b-instruct");
  await page.getByLabel("GPUシェイプ").selectOption("l40s-1x");
  await page.getByLabel("ゾーン", { exact: true }).selectOption("jp-tokyo-1a");
  await page.getByLabel("最小レプリカ数").fill("0");
  await page.getByLabel("最大レプリカ数").fill("2");
  // Money beside the choice, and the cold start said before submitting.
  await expect(page.getByTestId("price-panel")).toContainText("¥580");
  await expect(page.getByTestId("cold-start-note")).toContainText("25秒");

  // A shape the model does not fit is not even offered; a quota problem is said before submit.
  await page.getByLabel("モデル").selectOption("llama-3.3-swallow-70b-instruct");
  await expect(page.getByLabel("GPUシェイプ").locator("option")).toHaveCount(3);
  await page.getByLabel("最小レプリカ数").fill("3");
  await expect(page.getByText(/クォータ超過/)).toBeVisible();
  await expect(page.getByRole("button", { name: "作成", exact: true })).toBeDisabled();
  await page.getByLabel("モデル").selectOption("sarashina2.2-3b-instruct");
  await page.getByLabel("GPUシェイプ").selectOption("l40s-1x");
  await page.getByLabel("最小レプリカ数").fill("0");

  await page.getByRole("button", { name: "作成", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/endpoints/ep_`));
  await expect(page.getByRole("heading", { name: new RegExp(name) })).toBeVisible();
  await expect(page.getByTestId("endpoint-status")).toHaveText("稼働中", UNTIL_DONE);
  const endpointId = page.url().split("/").pop()!.split("?")[0];
  leftovers.endpoint(endpointId);
  await expect(page.getByTestId("base-url")).toHaveText(`${baseURL}/inference/${endpointId}/v1`);

  // Its history is the one operations table a cluster's page shows too; the org's operations page
  // lists it among every kind, and filters by kind.
  await expect(page.getByTestId("operation-row").filter({ hasText: "エンドポイントの作成" })).toContainText("完了", UNTIL_DONE);
  await page.goto(`/${ORG}/operations?kind=endpoint`);
  const listed = page.getByTestId("operation-row").filter({ hasText: name });
  await expect(listed).toContainText("エンドポイントの作成");
  await expect(listed).toContainText("完了");
  await expect(page.getByTestId("operation-row").filter({ hasText: "クラスターの" })).toHaveCount(0);
  await listed.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/endpoints/${endpointId}$`));

  // Playground: the answer streams in, with the simulator badge, tokens and timings.
  await page.getByRole("tab", { name: "プレイグラウンド" }).click();
  await page.getByLabel("メッセージ").fill("日本の首都はどこですか？");
  await page.getByRole("button", { name: "送信" }).click();
  const answer = page.getByTestId("assistant-message").last();
  await expect(answer.locator("[aria-live]")).toContainText("シミュレーター応答");
  await expect(page.getByRole("button", { name: "送信" })).toBeVisible(UNTIL_DONE);
  await expect(answer).toContainText("についてお答えします");
  await expect(answer.getByText("シミュレーター応答", { exact: true })).toBeVisible();
  await expect(answer.getByTestId("tokens-out")).toHaveText(/^\d+$/);
  await expect(answer.getByText("コールドスタートしました")).toBeVisible();
  await expect(page.getByTestId("snippet-curl")).toContainText(`/inference/${endpointId}/v1/chat/completions`);
  await page.getByRole("tab", { name: "Python" }).click();
  await expect(page.getByTestId("snippet-python")).toContainText("from openai import OpenAI");
  await page.getByRole("tab", { name: "TypeScript" }).click();
  await expect(page.getByTestId("snippet-typescript")).toContainText('import OpenAI from "openai"');

  // Keys: created and shown once; it works at the gateway; revoked, it is refused.
  await page.getByRole("tab", { name: "APIキー" }).click();
  await page.getByRole("button", { name: "APIキーを作成" }).click();
  await page.getByRole("dialog").getByLabel("名前", { exact: true }).fill("本番バックエンド");
  await page.getByRole("dialog").getByRole("button", { name: "APIキーを作成" }).click();
  const secret = (await page.getByTestId("secret-value").textContent())!.trim();
  expect(secret).toMatch(/^hki_/);
  await page.getByRole("dialog").getByRole("button", { name: "閉じる" }).last().click();
  const call = () => page.request.get(`${baseURL}/inference/${endpointId}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
  expect((await call()).status()).toBe(200);
  const row = page.getByTestId("endpoint-key-row").filter({ hasText: "本番バックエンド" });
  await expect(row).toContainText("有効");
  await row.getByRole("button", { name: "無効化" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "無効化" }).click();
  await expect(row).toContainText("無効化済み");
  const refused = await call();
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("invalid_api_key");

  // Metrics: the playground request is there, with its cold start.
  await page.getByRole("tab", { name: "メトリクス" }).click();
  await expect(page.getByTestId("total-requests")).toHaveText("1", UNTIL_DONE);
  await expect(page.getByTestId("total-coldStarts")).toHaveText("1");
  await expect(page.getByRole("img", { name: /リクエスト\/秒/ })).toBeVisible();

  // Delete by typing the name.
  await page.getByRole("tab", { name: "概要" }).click();
  await page.getByRole("button", { name: "エンドポイントを削除" }).click();
  await page.getByLabel("エンドポイント名").fill(name);
  await page.getByRole("dialog").getByRole("button", { name: "エンドポイントを削除" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/endpoints$`));
});

test("a viewer sees endpoints but cannot create one", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto(`/${ORG}/endpoints`);
  await expect(page.getByRole("heading", { name: "推論エンドポイント", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "エンドポイントを作成" })).toHaveCount(0);
  await page.goto(`/${ORG}/endpoints/models`);
  await expect(page.getByTestId("model-card")).toHaveCount(6);
});
