import { createHash } from "node:crypto";
import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";
import { runningEndpointViaApi, uniqueName } from "./helpers";

// A LoRA adapter from the console, as a team ships a fine-tune: register it and upload its
// safetensors weights (progress, then size and checksum in the list), attach it to a running
// endpoint (an operation), call it from the playground and get the adapter's own answer, see that
// it cannot be deleted while attached and why, see the request metered under the adapter,
// detach it, delete it.

/**
 * A PEFT-style LoRA file for sarashina2.2-3b-instruct (hidden 2,560, 20 heads and 4 KV heads of
 * 128): rank 8 on q_proj and v_proj of the first two layers, F16 zeros. Written here from the
 * safetensors format (8-byte little-endian header length, JSON header, raw data), independent of
 * the console's own parser.
 */
function loraSafetensors(rank = 8, layers = 2): Buffer {
  const hidden = 2560;
  const outs = { q_proj: 20 * 128, v_proj: 4 * 128 };
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  let offset = 0;
  const add = (name: string, shape: number[]) => {
    const bytes = shape[0] * shape[1] * 2;
    header[name] = { dtype: "F16", shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  };
  for (let layer = 0; layer < layers; layer++) {
    for (const [module, out] of Object.entries(outs)) {
      const base = `base_model.model.model.layers.${layer}.self_attn.${module}`;
      add(`${base}.lora_A.weight`, [rank, hidden]);
      add(`${base}.lora_B.weight`, [out, rank]);
    }
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json, Buffer.alloc(offset)]);
}

test("a LoRA adapter: upload, attach, call from the playground, refused delete, detach, delete", async ({ page, leftovers }) => {
  await signIn(page, USERS.developer);
  const endpoint = await runningEndpointViaApi(page, leftovers, uniqueName("lora"));
  const name = uniqueName("support-ja");
  const weights = loraSafetensors();
  const sha256 = createHash("sha256").update(weights).digest("hex");

  // Register and upload from the adapters page, reached from the endpoints list.
  await page.goto(`/${ORG}/endpoints`);
  await page.getByRole("link", { name: "LoRAアダプター" }).click();
  await expect(page.getByRole("heading", { name: "LoRAアダプター", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "アダプターの登録" });
  await form.getByLabel("名前").fill(name);
  await form.getByLabel("ベースモデル").selectOption(endpoint.modelId);
  await form.getByLabel("ランク").fill("8");
  await form.getByLabel("重みファイル（.safetensors）").setInputFiles({ name: `${name}.safetensors`, mimeType: "application/octet-stream", buffer: weights });
  await form.getByRole("button", { name: "登録してアップロード" }).click();
  await expect(page.getByText(`アダプター「${name}」の重みをアップロードしました`)).toBeVisible();
  const adapterId = (await apiFromPage(page, `/api/v1/orgs/${ORG}/adapters?limit=100`)).body.items.find((a: { name: string }) => a.name === name).id as string;
  leftovers.adapter(adapterId);
  const row = page.getByTestId("adapter-row").filter({ hasText: name });
  await expect(row).toContainText(endpoint.modelId);
  await expect(row).toContainText("利用可能");
  await expect(row).toContainText(sha256.slice(0, 12));
  await expect(row.getByTitle(sha256)).toBeVisible();
  // Shown 1,000-based with one decimal, as the browser's own download list does.
  await expect(row).toContainText(`${Math.round(weights.length / 100) / 10} KB`);

  // Attach it on the endpoint's adapters tab: an operation, then served.
  await page.goto(`/${ORG}/endpoints/${endpoint.id}`);
  await page.getByRole("tab", { name: "アダプター" }).click();
  await expect(page.getByText("追加されたアダプターはありません。")).toBeVisible();
  await expect(page.getByText(/最大 4 件まで追加できます（現在 0 件）/)).toBeVisible();
  await page.getByLabel("追加するアダプター").selectOption({ label: `${name} (r8)` });
  await page.getByRole("button", { name: "追加", exact: true }).click();
  await expect(page.getByText(`アダプター「${name}」の追加を開始しました`)).toBeVisible();
  const attached = page.getByTestId("endpoint-adapter-row").filter({ hasText: name });
  await expect(attached).toContainText(`${endpoint.modelId}:${name}`);
  await expect(attached).toContainText("追加済み", UNTIL_DONE);
  await expect(page.getByTestId("adapter-operation-row").filter({ hasText: "LoRAアダプターの追加" })).toContainText("完了", UNTIL_DONE);

  // The playground answers as the adapter.
  await page.getByRole("tab", { name: "プレイグラウンド" }).click();
  await page.getByLabel("呼び出すモデル").selectOption(`${name}`);
  await page.getByLabel("メッセージ").fill("返品の手続きを教えてください");
  await page.getByRole("button", { name: "送信" }).click();
  const answer = page.getByTestId("assistant-message").last();
  await expect(answer).toContainText(`シミュレーター応答：${endpoint.modelId}:${name}`, UNTIL_DONE);

  // And once more as the base model, so the charts below have two models to tell apart.
  await page.getByLabel("呼び出すモデル").selectOption({ label: `ベースモデル（${endpoint.modelId}）` });
  await page.getByLabel("メッセージ").fill("こんにちは");
  await page.getByRole("button", { name: "送信" }).click();
  await expect(page.getByTestId("assistant-message").last()).toContainText(`シミュレーター応答：${endpoint.modelId}`, UNTIL_DONE);

  // Metered under the adapter: the metrics tab's breakdown shows that one request.
  await page.getByRole("tab", { name: "メトリクス" }).click();
  const usage = page.getByRole("table", { name: "アダプター別の利用状況" });
  await expect(usage.getByTestId("adapter-usage-row").filter({ hasText: `${endpoint.modelId}:${name}` }).getByRole("cell").nth(1)).toHaveText("1", UNTIL_DONE);

  // The charts per model: the whole endpoint has both calls, the adapter its one, the base its one.
  const picker = page.getByLabel("表示するモデル");
  await expect(page.getByTestId("total-requests")).toHaveText("2", UNTIL_DONE);
  await picker.selectOption({ label: `${endpoint.modelId}:${name}` });
  await expect(page.getByTestId("total-requests")).toHaveText("1");
  const latency = page.getByRole("figure").filter({ hasText: "レイテンシ（p50・p95, ms）" });
  await latency.getByText("表で見る").click();
  await expect(latency.getByRole("table").getByRole("row")).toHaveCount(2); // the header and the adapter's one minute
  await picker.selectOption({ label: `ベースモデル（${endpoint.modelId}）` });
  await expect(page.getByTestId("total-requests")).toHaveText("1");
  await picker.selectOption({ label: "エンドポイント全体（すべてのモデル）" });
  await expect(page.getByTestId("total-requests")).toHaveText("2");

  // While attached it cannot be deleted, and the dialog says why.
  await page.goto(`/${ORG}/endpoints/adapters`);
  await page.getByTestId("adapter-row").filter({ hasText: name }).getByRole("button", { name: `削除 ${name}` }).click();
  const refuse = page.getByRole("dialog", { name: `アダプター「${name}」を削除しますか？` });
  await expect(refuse.getByText("エンドポイントで使用中のため削除できません。先に各エンドポイントから取り外してください。")).toBeVisible();
  await expect(refuse.getByRole("button", { name: "削除", exact: true })).toBeDisabled();
  await refuse.getByRole("button", { name: "キャンセル" }).click();

  // Detach with confirmation.
  await page.goto(`/${ORG}/endpoints/${endpoint.id}?tab=adapters`);
  await page.getByTestId("endpoint-adapter-row").filter({ hasText: name }).getByRole("button", { name: `取り外し ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `アダプター「${name}」を取り外しますか？` });
  await confirm.getByRole("button", { name: "取り外し", exact: true }).click();
  await expect(page.getByText(`アダプター「${name}」の取り外しを開始しました`)).toBeVisible();
  await expect(page.getByText("追加されたアダプターはありません。")).toBeVisible(UNTIL_DONE);

  // Now it can go.
  await page.goto(`/${ORG}/endpoints/adapters`);
  await page.getByTestId("adapter-row").filter({ hasText: name }).getByRole("button", { name: `削除 ${name}` }).click();
  await page.getByRole("dialog", { name: `アダプター「${name}」を削除しますか？` }).getByRole("button", { name: "削除", exact: true }).click();
  await expect(page.getByText(`アダプター「${name}」を削除しました`)).toBeVisible();
  await expect(page.getByTestId("adapter-row").filter({ hasText: name })).toHaveCount(0);
});
