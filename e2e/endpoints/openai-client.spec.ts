import OpenAI from "openai";
import { apiFromPage, expect, ORG, OTHER_ORG, signIn, test, USERS } from "../fixtures";
import { runningEndpointViaApi, uniqueName } from "./helpers";

// The official `openai` npm client against the running console: the gateway is OpenAI's API.

test("the openai client lists models, chats (whole and streamed) and is refused with a revoked key", async ({ page, baseURL, leftovers }) => {
  await signIn(page, USERS.developer);
  const endpoint = await runningEndpointViaApi(page, leftovers, uniqueName("openai"));
  const key = await apiFromPage(page, `/api/v1/orgs/${ORG}/endpoints/${endpoint.id}/keys`, { method: "POST", body: { name: "openai-sdk" } });
  expect(key.status).toBe(201);
  const secret = key.body.secret as string;

  const client = new OpenAI({ apiKey: secret, baseURL: `${baseURL}/inference/${endpoint.id}/v1`, maxRetries: 0 });
  const models = await client.models.list();
  expect(models.data.map((m) => m.id)).toEqual(["sarashina2.2-3b-instruct"]);

  const messages = [{ role: "user" as const, content: "東京の天気を教えてください" }];
  const whole = await client.chat.completions.create({ model: endpoint.modelId, messages });
  expect(whole.choices[0].message.content).toContain("シミュレーター応答");
  expect(whole.usage?.completion_tokens).toBeGreaterThan(0);

  const stream = await client.chat.completions.create({ model: endpoint.modelId, messages, stream: true, stream_options: { include_usage: true } });
  let text = "";
  let chunks = 0;
  let usage = null;
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices[0]?.delta?.content ?? "";
    usage = chunk.usage ?? usage;
  }
  expect(chunks).toBeGreaterThan(5);
  expect(text).toBe(whole.choices[0].message.content);
  expect(usage).toEqual(whole.usage);

  const legacy = await client.completions.create({ model: endpoint.modelId, prompt: "Hello", max_tokens: 4 });
  expect(legacy.choices[0].finish_reason).toBe("length");

  // Another org cannot see the endpoint at all.
  const otherPage = await page.context().browser()!.newPage();
  await signIn(otherPage, USERS.otherOwner);
  expect((await apiFromPage(otherPage, `/api/v1/orgs/${OTHER_ORG}/endpoints/${endpoint.id}`)).status).toBe(404);
  expect((await apiFromPage(otherPage, `/api/v1/orgs/${ORG}/endpoints/${endpoint.id}`)).status).toBe(404);
  await otherPage.close();

  expect((await apiFromPage(page, `/api/v1/orgs/${ORG}/endpoints/${endpoint.id}/keys/${key.body.id}`, { method: "DELETE" })).status).toBe(204);
  const refused = await client.chat.completions.create({ model: endpoint.modelId, messages }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
  expect((refused as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
  expect((refused as InstanceType<typeof OpenAI.AuthenticationError>).error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key" });

  expect((await apiFromPage(page, `/api/v1/orgs/${ORG}/endpoints/${endpoint.id}`, { method: "DELETE" })).status).toBe(202);
});
