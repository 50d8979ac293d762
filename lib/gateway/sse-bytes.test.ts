import { describe, expect, it } from "vitest";
import { countContentTokens, findUsageEvent, wholeEventsEnd } from "./sse-bytes";

// The bytes of a streamed answer as the control plane sends them (OpenAI's chunk events).
const chunk = (delta: object, finish: string | null = null) => `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const usageEvent = `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } })}\n\n`;
const answer = chunk({ role: "assistant", content: "" }) + chunk({ content: "東京" }) + chunk({ content: "です" }) + chunk({ content: "。" }) + chunk({}, "stop") + usageEvent + "data: [DONE]\n\n";

describe("reading a streamed answer's bytes", () => {
  it("counts the content tokens, not the empty first delta", () => {
    expect(countContentTokens(Buffer.from(answer))).toBe(3);
  });

  it("finds the usage event and its exact bytes, so it can be cut out", () => {
    const bytes = Buffer.from(answer);
    const found = findUsageEvent(bytes);
    expect(found?.usage).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
    expect(bytes.toString("utf8", found!.start, found!.end)).toBe(usageEvent);
    const without = Buffer.concat([bytes.subarray(0, found!.start), bytes.subarray(found!.end)]).toString("utf8");
    expect(without).toBe(answer.replace(usageEvent, ""));
  });

  it("does not take a content token that mentions usage for the usage event", () => {
    const tricky = chunk({ content: '"usage":{' }) + "data: [DONE]\n\n";
    expect(findUsageEvent(Buffer.from(tricky))).toBeNull();
    expect(countContentTokens(Buffer.from(tricky))).toBe(1);
  });

  it("holds back a partial event, even one cut inside a multi-byte character", () => {
    const bytes = Buffer.from(answer);
    const cutAt = bytes.indexOf(Buffer.from("東")) + 1; // inside 東's three bytes
    const first = bytes.subarray(0, cutAt);
    const end = wholeEventsEnd(first);
    expect(first.toString("utf8", 0, end)).toBe(chunk({ role: "assistant", content: "" }));
    const rest = Buffer.concat([first.subarray(end), bytes.subarray(cutAt)]);
    expect(Buffer.concat([first.subarray(0, end), rest]).toString("utf8")).toBe(answer);
    expect(wholeEventsEnd(Buffer.from("data: {"))).toBe(0);
  });
});
