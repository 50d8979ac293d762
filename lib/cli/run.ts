import type { Command } from "commander";
import { ApiError } from "@/lib/sdk/api-error";
import { OperationFailedError } from "@/lib/sdk/wait";
import { contextFor, type CliContext } from "./context";
import { exitCodeOf } from "./exit-codes";

// Every command's action runs through here: it gets its context, and whatever it throws becomes
// one line on stderr (the API's message, code and request id — what support asks for) and the
// exit status of exit-codes.ts. With --json the error is printed as JSON on stdout too.

export function action<A extends unknown[]>(handler: (context: CliContext, ...args: A) => Promise<void>) {
  return async function (this: Command, ...args: unknown[]) {
    const command = args[args.length - 1] as Command;
    const context = contextFor(command);
    try {
      await handler(context, ...(args.slice(0, -1) as A));
    } catch (error) {
      context.out.endProgress();
      process.exitCode = exitCodeOf(error);
      const message = describe(error, context);
      if (context.out.json) process.stdout.write(JSON.stringify({ error: errorJson(error) }, null, 2) + "\n");
      process.stderr.write(`${context.t("errorPrefix")}: ${message}\n`);
    }
  };
}

function errorJson(error: unknown) {
  if (error instanceof ApiError) return { code: error.code, message: error.message, status: error.status, requestId: error.requestId ?? null, details: error.details ?? null };
  if (error instanceof OperationFailedError) return { code: error.code, message: error.message, operation: error.operation };
  return { code: "cli_error", message: (error as Error)?.message ?? String(error) };
}

function describe(error: unknown, { t }: CliContext): string {
  if (error instanceof ApiError) {
    const where = error.field ? ` [${error.field}]` : "";
    return `${error.message}${where} (${error.code}${error.requestId ? `, ${t("requestId")} ${error.requestId}` : ""})`;
  }
  if (error instanceof OperationFailedError) return t("operationFailed", { id: error.operation.id, message: error.message });
  return (error as Error)?.message ?? String(error);
}
