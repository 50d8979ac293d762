import { eq } from "drizzle-orm";
import { ChatCompletionRequest, type ChatCompletion, type ChatCompletionChunk } from "@/lib/domain/control-plane";
import { splitAdapterModel } from "@/lib/domain/adapters/adapter-capacity";
import { AppError, notFound } from "@/lib/domain/errors";
import { ulid } from "@/lib/domain/ids";
import type { InferOptions, InferStream } from "../control-plane";

type Workload = NonNullable<InferOptions["workload"]>;
import { parseInput } from "../validation";
import type { SimContext } from "./context";
import { awaitServingReplica } from "./replicas";
import { cpEndpoints } from "./schema";
import { complete, countPromptTokens } from "./text";

// The simulator's OpenAI-compatible chat completions: deterministic text, real token counts,
// cold starts for scaled-to-zero endpoints, usage recorded for metering.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function infer(ctx: SimContext, endpointId: string, input: ChatCompletionRequest, workload: Workload = "interactive"): Promise<ChatCompletion | InferStream> {
  const request = parseInput(ChatCompletionRequest, input);
  const [row] = await ctx.db.select().from(cpEndpoints).where(eq(cpEndpoints.id, endpointId));
  if (!row) throw notFound("endpoint");
  // `<base>:<adapter>` names a LoRA adapter loaded on the endpoint; it answers as itself.
  const asked = splitAdapterModel(request.model ?? row.modelId);
  if (asked.baseModelId !== row.modelId) throw new AppError("not_found", `model ${request.model} is not served by this endpoint (it serves ${row.modelId})`);
  if (asked.adapterName !== null && !row.adapters.some((a) => a.name === asked.adapterName)) throw new AppError("not_found", `adapter ${asked.adapterName} is not loaded on this endpoint`);
  const servedModel = asked.adapterName === null ? row.modelId : `${row.modelId}:${asked.adapterName}`;
  await awaitServingReplica(ctx, endpointId);

  const { tokens, finishReason } = complete(servedModel, request.messages, request.max_tokens);
  const promptTokens = countPromptTokens(request.messages);
  const usage = { prompt_tokens: promptTokens, completion_tokens: tokens.length, total_tokens: promptTokens + tokens.length };
  const id = `chatcmpl-${ulid(ctx.clock.now()).toLowerCase()}`;
  const created = Math.floor(ctx.clock.now() / 1000);

  if (!request.stream) {
    ctx.load.begin(endpointId);
    ctx.usage.record(endpointId, ctx.clock.now(), promptTokens, tokens.length, workload);
    ctx.load.end(endpointId, tokens.length);
    return {
      id,
      object: "chat.completion",
      created,
      model: servedModel,
      choices: [{ index: 0, message: { role: "assistant", content: tokens.join("") }, finish_reason: finishReason }],
      usage,
    };
  }

  const includeUsage = request.stream_options?.include_usage === true;
  const delay = ctx.config.timing.tokenDelayMs;
  const chunk = (delta: ChatCompletionChunk["choices"][number]["delta"], finish: ChatCompletionChunk["choices"][number]["finish_reason"]): ChatCompletionChunk => ({
    id,
    object: "chat.completion.chunk",
    created,
    model: servedModel,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });

  async function* stream(): AsyncGenerator<ChatCompletionChunk> {
    let delivered = 0;
    ctx.load.begin(endpointId);
    try {
      yield chunk({ role: "assistant", content: "" }, null);
      for (const token of tokens) {
        if (delay > 0) await pause(delay);
        yield chunk({ content: token }, null);
        delivered++;
      }
      yield chunk({}, finishReason);
      if (includeUsage) yield { ...chunk({}, null), choices: [], usage };
    } finally {
      // A client that hangs up early is billed for what it received.
      ctx.usage.record(endpointId, ctx.clock.now(), promptTokens, delivered, workload);
      ctx.load.end(endpointId, delivered);
    }
  }
  return stream();
}
