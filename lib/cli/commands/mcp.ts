import type { Command } from "commander";
import { createHinokiClient } from "@/lib/sdk/client";
import { CLI_VERSION } from "../context";
import { CliError, EXIT } from "../exit-codes";
import { action } from "../run";

export function registerMcpCommand(program: Command): void {
  program
    .command("mcp")
    .description("Serve the Hinoki tools to an AI assistant over MCP (stdio) / MCP サーバとして起動します")
    .option("--allow-write", "also offer tools that change things (scale, delete); every call is audited")
    .action(
      action(async (context, options: { allowWrite?: boolean }) => {
        const profile = context.profile;
        if (!profile) throw new CliError(context.t("notLoggedIn", { profile: context.profileName }), EXIT.auth);
        const api = createHinokiClient({ baseUrl: profile.url, token: profile.token, acceptLanguage: context.locale, userAgent: `hinoki-mcp/${CLI_VERSION}` });
        let org: string | undefined;
        try {
          org = context.org();
        } catch {
          org = undefined;
        }
        // Loaded only here: the MCP SDK is large, and every other command starts without it.
        const { serveMcpOverStdio } = await import("../mcp/server");
        await serveMcpOverStdio(api, { allowWrite: Boolean(options.allowWrite), defaultOrg: org });
      }),
    );
}
