import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ApiError } from "@/lib/sdk/api-error";
import type { HinokiClient } from "@/lib/sdk/client";
import { CLI_VERSION } from "../context";
import { TOOLS } from "./tools";

// `hinoki mcp`: a Model Context Protocol server over stdio (the official SDK), acting as the
// profile's API token. Read-only unless started with --allow-write.

export function createMcpServer(api: HinokiClient, options: { allowWrite: boolean; defaultOrg?: string }): McpServer {
  const server = new McpServer({ name: "hinoki", version: CLI_VERSION });
  for (const tool of TOOLS) {
    if (tool.write && !options.allowWrite) continue;
    server.registerTool(tool.name, { description: tool.description, inputSchema: tool.input, annotations: { readOnlyHint: !tool.write, destructiveHint: tool.write } }, async (args: Record<string, unknown>) => {
      try {
        const result = await tool.run({ api, defaultOrg: options.defaultOrg }, args ?? {});
        return { content: [{ type: "text" as const, text: JSON.stringify(result ?? null, null, 2) }] };
      } catch (error) {
        const body = error instanceof ApiError ? { code: error.code, message: error.message, requestId: error.requestId ?? null } : { code: "error", message: (error as Error)?.message ?? String(error) };
        return { isError: true, content: [{ type: "text" as const, text: JSON.stringify({ error: body }) }] };
      }
    });
  }
  return server;
}

export async function serveMcpOverStdio(api: HinokiClient, options: { allowWrite: boolean; defaultOrg?: string }): Promise<void> {
  const server = createMcpServer(api, options);
  await server.connect(new StdioServerTransport());
}
