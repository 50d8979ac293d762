import type { ChatCompletionChunk, CompletionUsage } from "@/lib/domain/control-plane";
import { ApiError } from "../api-fetch";

// The playground's streaming call: fetch through the console's own origin (session cookie), read
// the body with a ReadableStream reader and parse OpenAI's server-sent events as they arrive.

export interface PlaygroundMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface StreamProgress {
  text: string;
  ttftMs: number | null;
  elapsedMs: number;
  usage: CompletionUsage | null;
  simulated: boolean;
  coldStart: boolean;
}

export async function streamPlaygroundChat(
  slug: string,
  endpointId: string,
  messages: PlaygroundMessage[],
  onProgress: (progress: StreamProgress) => void,
  signal?: AbortSignal,
  /** A LoRA adapter the endpoint serves, by name; without it the base model answers. */
  adapter?: string,
): Promise<StreamProgress> {
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(`/api/v1/orgs/${encodeURIComponent(slug)}/endpoints/${endpointId}/playground`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ messages, max_tokens: 512, ...(adapter ? { adapter } : {}) }),
      credentials: "same-origin",
      signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "network", "network error");
  }
  if (!response.ok || !response.body) {
    const data = await response.json().catch(() => ({}));
    const e = data?.error ?? {};
    throw new ApiError(response.status, e.code ?? "internal", e.message ?? response.statusText, e.details, e.requestId);
  }
  const progress: StreamProgress = {
    text: "",
    ttftMs: null,
    elapsedMs: 0,
    usage: null,
    simulated: response.headers.get("x-hinoki-simulated") === "true",
    coldStart: response.headers.get("x-hinoki-cold-start") === "true",
  };
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let boundary: number;
    while ((boundary = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const data = event
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trimStart())
        .join("\n");
      if (!data || data === "[DONE]") continue;
      const parsed = JSON.parse(data) as ChatCompletionChunk & { error?: { message: string } };
      if (parsed.error) throw new ApiError(502, "internal", parsed.error.message);
      const content = parsed.choices?.[0]?.delta?.content;
      if (content) {
        if (progress.ttftMs === null) progress.ttftMs = performance.now() - started;
        progress.text += content;
      }
      if (parsed.usage) progress.usage = parsed.usage;
      progress.elapsedMs = performance.now() - started;
      onProgress({ ...progress });
    }
  }
  progress.elapsedMs = performance.now() - started;
  onProgress({ ...progress });
  return progress;
}
