import OpenAI from "openai";
import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";
import { uniqueName } from "./helpers";

// A developer tunes autoscaling in the create form — the form refuses a delay the API would
// refuse and says what the minimum costs — then puts load on the endpoint with the official
// `openai` client and reads on the endpoint page why it scaled.

test("tune autoscaling in the form, see the price of the minimum, and read the scaling events after load", async ({ page, baseURL, leftovers }) => {
  await signIn(page, USERS.developer);
  await page.goto(`/${ORG}/endpoints/new`);

  const name = uniqueName("scaling");
  await page.getByLabel("名前", { exact: true }).fill(name);
  await page.getByLabel("モデル").selectOption("sarashina2.2-3b-instruct");
  await page.getByLabel("GPUシェイプ").selectOption("l40s-1x");
  await page.getByLabel("ゾーン", { exact: true }).selectOption("jp-tokyo-1a");
  await page.getByLabel("最小レプリカ数").fill("2");
  await page.getByLabel("最大レプリカ数").fill("3");

  const settings = page.getByTestId("autoscaling-fields");
  // The price consequence of the minimum: 2 × ¥290 an hour, always billed.
  await expect(settings.getByTestId("autoscaling-price")).toContainText("最小 2 レプリカ × ¥290/時 = 常時 ¥580/時");
  await page.getByLabel("最小レプリカ数").fill("1");
  await expect(settings.getByTestId("autoscaling-price")).toContainText("最小 1 レプリカ × ¥290/時 = 常時 ¥290/時");

  await settings.getByLabel("スケールの基準").selectOption("concurrent_requests");
  await settings.getByLabel("目標: 1レプリカあたりの処理中リクエスト").fill("1");
  // A delay the API would refuse is said in the field, and nothing can be sent.
  await settings.getByLabel("スケールアップまでの待ち（秒）").fill("700");
  await expect(settings.getByText("スケールアップまでの待ちは0〜600秒の整数で入力してください。")).toBeVisible();
  await expect(page.getByRole("button", { name: "作成", exact: true })).toBeDisabled();
  await settings.getByLabel("スケールアップまでの待ち（秒）").fill("0");
  await settings.getByLabel("スケールダウンまでの待ち（秒）").fill("600");
  await expect(page.getByRole("button", { name: "作成", exact: true })).toBeEnabled();

  await page.getByRole("button", { name: "作成", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/endpoints/ep_`));
  const endpointId = page.url().split("/").pop()!.split("?")[0];
  leftovers.endpoint(endpointId);
  await expect(page.getByTestId("endpoint-status")).toHaveText("稼働中", UNTIL_DONE);
  const stored = await apiFromPage(page, `/api/v1/orgs/${ORG}/endpoints/${endpointId}`);
  expect(stored.body.autoscaling).toEqual({ metric: "concurrent_requests", target: 1, scaleUpDelaySeconds: 0, scaleDownDelaySeconds: 600, scaleToZeroAfterSeconds: 300 });
  await expect(page.getByText("スケーリングの記録")).toBeVisible();
  await expect(page.getByText("まだレプリカ数の変更はありません。")).toBeVisible();

  // Load: six long answers in flight at once against a target of one per replica.
  const key = await apiFromPage(page, `/api/v1/orgs/${ORG}/endpoints/${endpointId}/keys`, { method: "POST", body: { name: "load" } });
  expect(key.status).toBe(201);
  const client = new OpenAI({ apiKey: key.body.secret as string, baseURL: `${baseURL}/inference/${endpointId}/v1`, maxRetries: 0 });
  const load = async () => {
    const stream = await client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages: [{ role: "user", content: "長い説明をお願いします。" }], stream: true, max_tokens: 400 });
    for await (const _ of stream) void _;
  };
  await Promise.all(Array.from({ length: 6 }, load));

  // The page says why it scaled, in the numbers the autoscaler decided on.
  const timeline = page.getByTestId("scaling-timeline");
  // The load may reach the autoscaler over one round or two (1 → 3, or 1 → 2 → 3): both are right.
  await expect(timeline).toContainText(/→ 3 レプリカ/, UNTIL_DONE);
  await expect(timeline).toContainText(/1 → \d レプリカ処理中 \d+ > 目標 1 × 1 レプリカ（0 秒継続）/);
  const events = await apiFromPage(page, `/api/v1/orgs/${ORG}/endpoints/${endpointId}/scaling-events`);
  expect(events.status).toBe(200);
  expect(events.body.items[0]).toMatchObject({ cause: "load_above_target", toReplicas: 3, metric: "concurrent_requests", target: 1, windowSeconds: 0 });
  expect(events.body.items.at(-1)).toMatchObject({ cause: "load_above_target", fromReplicas: 1 });

  // The metrics tab charts the replicas beside latency and throughput.
  await page.getByRole("tab", { name: "メトリクス" }).click();
  await expect(page.getByText("レプリカ数").first()).toBeVisible();
});
