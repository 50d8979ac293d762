// The simulated upstream for the gateway benchmark: the control plane's inference route
// (`POST /v1/endpoints/:id/chat/completions`) answering the simulator's deterministic text at
// once (no token delay), whole or as server-sent events. Runs in its own process so neither
// side of the comparison shares its event loop. Prints its port on stdout.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { complete, countPromptTokens } from "@/lib/control-plane/sim/text";
import type { ChatCompletionRequest } from "@/lib/domain/control-plane";

const MODEL = "sarashina2.2-3b-instruct";
let counter = 0;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    if (req.method !== "POST" || !/^\/v1\/endpoints\/[^/]+\/chat\/completions$/.test(req.url ?? "")) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: "not found" } }));
      return;
    }
    const request = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatCompletionRequest;
    const { tokens, finishReason } = complete(MODEL, request.messages, request.max_tokens);
    const usage = { prompt_tokens: countPromptTokens(request.messages), completion_tokens: tokens.length, total_tokens: 0 };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const id = `chatcmpl-bench${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    if (!request.stream) {
      const body = JSON.stringify({ id, object: "chat.completion", created, model: MODEL, choices: [{ index: 0, message: { role: "assistant", content: tokens.join("") }, finish_reason: finishReason }], usage });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
    const chunk = (delta: object, finish: string | null) => ({ id, object: "chat.completion.chunk", created, model: MODEL, choices: [{ index: 0, delta, finish_reason: finish }] });
    let out = `data: ${JSON.stringify(chunk({ role: "assistant", content: "" }, null))}\n\n`;
    for (const token of tokens) out += `data: ${JSON.stringify(chunk({ content: token }, null))}\n\n`;
    out += `data: ${JSON.stringify(chunk({}, finishReason))}\n\n`;
    if (request.stream_options?.include_usage) out += `data: ${JSON.stringify({ ...chunk({}, null), choices: [], usage })}\n\n`;
    res.end(`${out}data: [DONE]\n\n`);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
