import type { CompletionUsage } from "@/lib/domain/control-plane";

// What the gateway reads of a streamed answer from the control plane, on its bytes: the answer
// is passed to the client as it came (no UTF-8 decoding and re-encoding of every event), and
// only the few facts metering needs are looked up — how many content tokens a piece carried
// (time to first token; what a client that left was sent) and the final usage event. The
// events are OpenAI's chat.completion.chunk server-sent events, one JSON object per line.
// A regular expression over the decoded text cost more than all the rest of the request
// (bench/gateway-overhead.ts: ~100 µs each for a 123-token answer; these take ~1–50 µs).

const CONTENT_DELTA = Buffer.from('"delta":{"content":"');
const QUOTE = 0x22;
const EVENT_END = Buffer.from("\n\n");
const USAGE_KEY = Buffer.from('"usage":{');
const DATA_PREFIX = Buffer.from("data: ");

/** Where the last whole event of `bytes` ends (0 when none has ended yet). */
export function wholeEventsEnd(bytes: Buffer): number {
  const at = bytes.lastIndexOf(EVENT_END);
  return at === -1 ? 0 : at + EVENT_END.length;
}

/** Content tokens in whole events: each non-empty `delta.content` is one token of the answer. */
export function countContentTokens(events: Buffer): number {
  let count = 0;
  for (let at = events.indexOf(CONTENT_DELTA); at !== -1; at = events.indexOf(CONTENT_DELTA, at + CONTENT_DELTA.length)) {
    if (events[at + CONTENT_DELTA.length] !== QUOTE) count++;
  }
  return count;
}

export interface UsageEvent {
  /** The event's bytes, `data: …\n\n` included. */
  start: number;
  end: number;
  usage: CompletionUsage;
}

/** The usage event among whole events (`choices: []` with a `usage` object; the last but `[DONE]`), or null. */
export function findUsageEvent(events: Buffer): UsageEvent | null {
  const at = events.lastIndexOf(USAGE_KEY);
  if (at === -1) return null;
  const start = events.lastIndexOf(DATA_PREFIX, at);
  const end = events.indexOf(EVENT_END, at);
  if (start === -1 || end === -1) return null;
  const json = events.toString("utf8", start + DATA_PREFIX.length, end);
  if (json.includes("\n") || !json.includes('"choices":[]')) return null;
  try {
    const usage = (JSON.parse(json) as { usage?: CompletionUsage }).usage;
    return usage ? { start, end: end + EVENT_END.length, usage } : null;
  } catch {
    return null;
  }
}
