import { Command, CommanderError } from "commander";
import { registerAttestationCommands } from "./commands/attestations";
import { registerAuthCommands } from "./commands/auth";
import { registerBillingCommands } from "./commands/billing";
import { registerCatalogCommands } from "./commands/catalog";
import { registerClusterCommands } from "./commands/clusters";
import { registerEndpointCommands } from "./commands/endpoints";
import { registerKubeconfigCommand } from "./commands/kubeconfig";
import { registerMcpCommand } from "./commands/mcp";
import { CLI_VERSION } from "./context";
import { EXIT } from "./exit-codes";

// `hinoki`: the command line of the Hinoki console, on the SDK (bin/hinoki.mjs runs this).

const EXIT_HELP = `
Exit status / 終了コード:
  0 ok   2 usage   3 not logged in (401)   4 forbidden (403)   5 not found (404)
  6 refused (400/409/422)   7 operation failed   8 timed out   9 attestation invalid
  10 unavailable (network, 429, 5xx)   1 anything else`;

export function buildProgram(): Command {
  const program = new Command("hinoki")
    .description("Hinoki GPU cloud from the command line / Hinoki GPU クラウドのコマンドライン")
    .version(CLI_VERSION)
    .option("--profile <name>", "profile to use (or HINOKI_PROFILE)")
    .option("--org <slug>", "org to act on (default: the profile's)")
    .option("--json", "print the API's JSON instead of tables")
    .option("--lang <ja|en>", "language (default: from LANG)")
    .showHelpAfterError()
    .addHelpText("after", EXIT_HELP);
  registerAuthCommands(program);
  registerCatalogCommands(program);
  registerClusterCommands(program);
  registerKubeconfigCommand(program);
  registerEndpointCommands(program);
  registerBillingCommands(program);
  registerAttestationCommands(program);
  registerMcpCommand(program);
  // Usage errors exit 2 (commander's own default is 1, which scripts could not tell apart).
  const exitOverride = (command: Command) => {
    command.exitOverride((error: CommanderError) => {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") process.exit(EXIT.ok);
      process.exit(EXIT.usage);
    });
    command.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}

void buildProgram().parseAsync(process.argv);
