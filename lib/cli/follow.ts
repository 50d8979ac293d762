import type { HinokiClient } from "@/lib/sdk/client";
import { waitForOperation, type AcceptedCall, type OperationLike } from "@/lib/sdk/wait";
import type { CliContext } from "./context";

// A mutation's 202, followed or not: with --wait the CLI follows the operation (a progress line on
// stderr) and exits with its outcome; without, it prints where to follow it.

export interface WaitFlags {
  wait?: boolean;
  timeout?: string;
}

export function progressLine({ t }: CliContext, operation: OperationLike): string {
  const step = operation.currentStep ? ` · ${operation.currentStep}` : "";
  return t("progressLine", { id: operation.id, status: t(statusKey(operation.status)), progress: operation.progress ?? 0 }) + step;
}

function statusKey(status: string) {
  return (["queued", "pending", "running", "succeeded", "failed", "cancelled"].includes(status) ? `op_${status}` : "op_running") as "op_queued" | "op_pending" | "op_running" | "op_succeeded" | "op_failed" | "op_cancelled";
}

export async function follow(context: CliContext, api: HinokiClient, accepted: AcceptedCall | string, flags: WaitFlags): Promise<OperationLike> {
  const timeoutMs = flags.timeout ? Number(flags.timeout) * 1000 : undefined;
  try {
    return await waitForOperation(api, accepted, { timeoutMs, onProgress: (op) => context.out.progress(progressLine(context, op)) });
  } finally {
    context.out.endProgress();
  }
}

export const timeoutOption = ["--timeout <seconds>", "with --wait: give up after this many seconds (exit 8)"] as const;

/** What a command prints after a 202: where to follow it, or (--wait) the operation's end. */
export async function reportAccepted(context: CliContext, accepted: AcceptedCall, flags: WaitFlags, done: string): Promise<void> {
  const body = accepted.data as { id: string };
  if (!flags.wait) {
    context.out.print(body, () => context.t("accepted", { id: body.id, location: accepted.response.headers.get("location") ?? "" }));
    return;
  }
  const final = await follow(context, context.api(), accepted, flags);
  context.out.print(final, () => done);
}
