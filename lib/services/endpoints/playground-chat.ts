import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { ChatCompletionChunk } from "@/lib/domain/control-plane";
import { PlaygroundInput } from "@/lib/domain/endpoints";
import { notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { invalidateEndpoint, resolveEndpoint } from "./gateway-cache";
import { runChatCompletion } from "./run-inference";
import type { ControlPlane } from "@/lib/control-plane";

// The playground: a signed-in member chats with the endpoint from its page. It goes through the
// same metered path as the gateway (so the request appears in the metrics), authorised by the
// session instead of an endpoint key — see the note in the route handler for why.

export async function playgroundChat(
  cp: ControlPlane,
  principal: Principal,
  slug: string,
  endpointId: string,
  raw: PlaygroundInput,
): Promise<{ simulated: boolean; modelId: string; coldStart: boolean; stream: AsyncGenerator<ChatCompletionChunk> }> {
  const input = PlaygroundInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.keys");
  invalidateEndpoint(endpointId); // the page just showed its state: read it fresh
  const endpoint = await resolveEndpoint(async () => db, orgId, endpointId);
  if (!endpoint) throw notFound("endpoint");
  const result = await runChatCompletion(cp, endpoint, null, {
    model: input.adapter ? `${endpoint.modelId}:${input.adapter}` : undefined,
    messages: input.messages,
    max_tokens: input.max_tokens,
    temperature: input.temperature,
    stream: true,
    stream_options: { include_usage: true },
    user: principal.userId,
  });
  if (result.kind !== "stream") throw new Error("expected a stream");
  return { simulated: endpoint.simulated, modelId: endpoint.modelId, coldStart: result.coldStartMs !== null, stream: result.stream };
}
