import { z } from "zod";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "@/lib/domain/control-plane";

// The legacy `POST /v1/completions` on top of chat: the prompt becomes one user message, and
// the answer comes back as `text_completion` objects (streamed chunks too), as OpenAI sends them.

export const CompletionRequest = z.object({
  model: z.string().optional(),
  prompt: z.union([z.string().max(200_000), z.array(z.string().max(200_000)).length(1)]),
  max_tokens: z.number().int().min(1).max(8192).optional(),
  temperature: z.number().min(0).max(2).optional(),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
  user: z.string().max(256).optional(),
});
export type CompletionRequest = z.infer<typeof CompletionRequest>;

export function toChatRequest(request: CompletionRequest): ChatCompletionRequest {
  const prompt = Array.isArray(request.prompt) ? request.prompt[0] : request.prompt;
  return {
    model: request.model,
    messages: [{ role: "user", content: prompt }],
    max_tokens: request.max_tokens,
    temperature: request.temperature,
    stream: request.stream,
    stream_options: request.stream_options,
    user: request.user,
  };
}

const completionId = (chatId: string) => chatId.replace(/^chatcmpl-/, "cmpl-");

export function toTextCompletion(chat: ChatCompletion) {
  return {
    id: completionId(chat.id),
    object: "text_completion" as const,
    created: chat.created,
    model: chat.model,
    choices: chat.choices.map((c) => ({ text: c.message.content, index: c.index, logprobs: null, finish_reason: c.finish_reason })),
    usage: chat.usage,
  };
}

export function toTextCompletionChunk(chunk: ChatCompletionChunk) {
  return {
    id: completionId(chunk.id),
    object: "text_completion" as const,
    created: chunk.created,
    model: chunk.model,
    choices: chunk.choices.map((c) => ({ text: c.delta.content ?? "", index: c.index, logprobs: null, finish_reason: c.finish_reason })),
    ...(chunk.usage ? { usage: chunk.usage } : {}),
  };
}
