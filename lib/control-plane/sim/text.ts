import { createHash } from "node:crypto";
import type { ChatMessage } from "@/lib/domain/control-plane";

// The simulator's "model": deterministic text (the same request always gets the same answer),
// in Japanese when the conversation is in Japanese, and a token count that behaves like a real
// tokenizer's closely enough for metering and billing to be exercised honestly.

/**
 * Splits text into tokens: one per Japanese character, up to four letters or three digits per
 * Latin piece (with its leading space), one per other symbol. `tokens.join("") === text`.
 */
const TOKEN = / ?[A-Za-z]{1,4}| ?[0-9]{1,3}|[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]|\s+|./gsu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** ChatML-style accounting: each message costs its content plus a few framing tokens. */
export function countPromptTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + tokenize(m.content).length + 4, 3);
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/u;

const SENTENCES_JA = [
  "これはHinokiシミュレーターが返す決定的な応答です。",
  "同じ質問には、いつも同じ文章でお答えします。",
  "実際のモデルは動いていませんが、トークン数と応答時間は本番と同じように計測されます。",
  "処理はすべて日本国内の施設で行われます。",
  "ストリーミングでは、トークンが一つずつ届きます。",
  "本番環境では、選択したモデルが実際に推論を行います。",
  "リージョンは東京、大阪、北海道からお選びいただけます。",
  "ご不明な点は、担当のアカウントマネージャーにお問い合わせください。",
];

const SENTENCES_EN = [
  "This is a deterministic answer from the Hinoki simulator.",
  "The same question always gets the same text.",
  "No model is running, but tokens and latency are metered as they would be in production.",
  "All processing stays in facilities in Japan.",
  "When streaming, tokens arrive one at a time.",
  "In production, the model you chose answers for real.",
  "Regions are available in Tokyo, Osaka and Hokkaido.",
];

function lastUserMessage(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === "user") return messages[i].content;
  return messages[messages.length - 1]?.content ?? "";
}

function snippet(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : flat;
}

/** The full answer before any `max_tokens` cut. */
export function generateReply(modelId: string, messages: readonly ChatMessage[]): string {
  const seed = createHash("sha256").update(modelId).update("\u0000").update(JSON.stringify(messages)).digest();
  const japanese = messages.some((m) => JAPANESE.test(m.content));
  const pool = japanese ? SENTENCES_JA : SENTENCES_EN;
  const count = 2 + (seed[0] % 4);
  // A seeded shuffle, so the chosen sentences are distinct and in a stable order.
  const order = pool.map((sentence, i) => ({ sentence, key: seed[(i + 1) % seed.length] * 64 + i }));
  const chosen = order.sort((a, b) => a.key - b.key).slice(0, count).map((o) => o.sentence);
  const question = snippet(lastUserMessage(messages), 24);
  if (japanese) return `【シミュレーター応答：${modelId}】「${question}」についてお答えします。${chosen.join("")}`;
  return `[Simulated response: ${modelId}] About "${question}": ${chosen.join(" ")}`;
}

export interface Completion {
  tokens: string[];
  finishReason: "stop" | "length";
}

export function complete(modelId: string, messages: readonly ChatMessage[], maxTokens: number | undefined): Completion {
  const tokens = tokenize(generateReply(modelId, messages));
  if (maxTokens !== undefined && tokens.length > maxTokens) return { tokens: tokens.slice(0, maxTokens), finishReason: "length" };
  return { tokens, finishReason: "stop" };
}
