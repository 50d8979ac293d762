import { apiRoute } from "@/lib/api/route";
import { PlaygroundInput } from "@/lib/domain/endpoints";
import { playgroundChat } from "@/lib/services/endpoints/playground-chat";
import { EndpointParams } from "@/lib/domain/endpoints-api";
import { processControlPlane } from "@/lib/services/process-control-plane";

// The playground streams through the console's own origin, authorised by the session, not by
// an endpoint key: no secret is ever handed to page JavaScript (nothing to leak through an
// extension or a log, no short-lived keys to mint and clean up), a member who loses access
// loses the playground at the same moment, the request is attributed to the person, and the
// wrapper's same-origin check covers CSRF. It is not a hot path (a person types), so Next's
// cost is fine; it shares the gateway's metered inference path, so its requests show in the
// metrics like any other. The body is OpenAI's SSE stream (`data: {chunk}`, `data: [DONE]`).

export const POST = apiRoute({ params: EndpointParams, body: PlaygroundInput }, async ({ principal, params, body }) => {
  const result = await playgroundChat(await processControlPlane(), principal, params.org, params.id, body);
  const encoder = new TextEncoder();
  const iterator = result.stream;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) {
          controller.enqueue(encoder.encode("data: [DONE]\n\n"));
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(value)}\n\n`));
      } catch {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify({ error: { message: "the stream failed", type: "server_error", code: null } })}\n\n`));
        controller.close();
      }
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      "x-accel-buffering": "no",
      "x-hinoki-simulated": String(result.simulated),
      "x-hinoki-cold-start": String(result.coldStart),
    },
  });
});
