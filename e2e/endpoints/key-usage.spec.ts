import OpenAI from "openai";
import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";
import { runningEndpointViaApi, uniqueName } from "./helpers";

// Usage per key, as an application owner charges it back: traffic from the official `openai`
// client shows up per key and day in the console, and a monthly token budget set there stops the
// key with OpenAI's 429 `insufficient_quota` while another key of the same endpoint goes on.

test("a key's usage per day and its monthly budget, from the console to the openai client", async ({ page, baseURL, leftovers }) => {
  await signIn(page, USERS.developer);
  const endpoint = await runningEndpointViaApi(page, leftovers, uniqueName("usage"));
  const keysPath = `/api/v1/orgs/${ORG}/endpoints/${endpoint.id}/keys`;
  const app = await apiFromPage(page, keysPath, { method: "POST", body: { name: "経理アプリ" } });
  const other = await apiFromPage(page, keysPath, { method: "POST", body: { name: "社内チャット" } });
  const client = (secret: string) => new OpenAI({ apiKey: secret, baseURL: `${baseURL}/inference/${endpoint.id}/v1`, maxRetries: 0 });

  let tokens = 0;
  for (let i = 0; i < 3; i++) {
    const r = await client(app.body.secret).chat.completions.create({ model: endpoint.modelId, messages: [{ role: "user", content: `請求書 ${i} を要約して` }] });
    tokens += r.usage!.total_tokens;
  }

  await page.goto(`/${ORG}/endpoints/${endpoint.id}`);
  await page.getByRole("tab", { name: "APIキー" }).click();
  const row = page.getByTestId("endpoint-key-row").filter({ hasText: "経理アプリ" });
  // The metering flush writes within seconds; the list refreshes by itself.
  await expect(row.getByTestId("endpoint-key-month-tokens")).toHaveText(tokens.toLocaleString("ja-JP"), UNTIL_DONE);
  await expect(page.getByTestId("endpoint-key-row").filter({ hasText: "社内チャット" }).getByTestId("endpoint-key-month-tokens")).toHaveText("0");

  await row.getByRole("button", { name: "利用状況" }).click();
  const dialog = page.getByRole("dialog", { name: "経理アプリ の利用状況" });
  await expect(dialog.getByTestId("key-usage-total")).toContainText("3");
  await expect(dialog.getByText(`今月の使用量: ${tokens.toLocaleString("ja-JP")} トークン（上限なし）`)).toBeVisible();

  // A budget that is already spent: the next request is refused, in OpenAI's shape.
  await dialog.getByLabel("月間トークン上限").fill(String(tokens));
  await dialog.getByRole("button", { name: "上限を保存" }).click();
  await expect(page.getByText("月間トークン上限を保存しました")).toBeVisible();
  await expect(dialog.getByText(`今月の使用量: ${tokens.toLocaleString("ja-JP")} / ${tokens.toLocaleString("ja-JP")} トークン`)).toBeVisible();
  const refused = await client(app.body.secret).chat.completions.create({ model: endpoint.modelId, messages: [{ role: "user", content: "もう一件" }] }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
  expect((refused as InstanceType<typeof OpenAI.RateLimitError>).code).toBe("insufficient_quota");
  // The other application's key is not affected.
  await expect(client(other.body.secret).chat.completions.create({ model: endpoint.modelId, messages: [{ role: "user", content: "こんにちは" }] })).resolves.toMatchObject({ object: "chat.completion" });

  await dialog.getByRole("button", { name: "上限を解除" }).click();
  await expect(page.getByText("月間トークン上限を解除しました")).toBeVisible();
  await expect(client(app.body.secret).chat.completions.create({ model: endpoint.modelId, messages: [{ role: "user", content: "再開" }] })).resolves.toMatchObject({ object: "chat.completion" });

  // The usage API is the same numbers, for automation.
  const usage = await apiFromPage(page, `${keysPath}/${app.body.id}/usage`);
  expect(usage.status).toBe(200);
  expect(usage.body.days).toHaveLength(30);

  // A viewer reads the usage but cannot change the budget.
  const viewer = await page.context().browser()!.newPage();
  await signIn(viewer, USERS.viewer);
  expect((await apiFromPage(viewer, `${keysPath}/${app.body.id}/usage`)).status).toBe(200);
  expect((await apiFromPage(viewer, `${keysPath}/${app.body.id}`, { method: "PATCH", body: { monthlyTokenBudget: 10 } })).status).toBe(403);
  await viewer.goto(`/${ORG}/endpoints/${endpoint.id}`);
  await viewer.getByRole("tab", { name: "APIキー" }).click();
  await viewer.getByTestId("endpoint-key-row").filter({ hasText: "経理アプリ" }).getByRole("button", { name: "利用状況" }).click();
  await expect(viewer.getByRole("dialog").getByTestId("key-usage-table")).toBeVisible();
  await expect(viewer.getByRole("dialog").getByLabel("月間トークン上限")).toHaveCount(0);
  await viewer.close();
});
