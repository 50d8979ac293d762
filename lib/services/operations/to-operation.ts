import type { ConsoleOperation, ConsoleOperationKind, OperationTargetKind } from "@/lib/domain/operations";
import type { OperationRow } from "./adapter";

/** The public Operation of a row, whatever its resource kind. */
export function toOperation(row: OperationRow): ConsoleOperation {
  const current = row.steps.find((s) => s.status === "running" || s.status === "failed")?.name ?? row.currentStep ?? null;
  return {
    id: row.id,
    kind: row.kind as ConsoleOperationKind,
    target: { kind: row.targetKind as OperationTargetKind, id: row.targetId, name: row.targetName },
    status: row.status as ConsoleOperation["status"],
    progress: row.progress,
    steps: row.steps.map((s) => ({ name: s.name, status: s.status as ConsoleOperation["steps"][number]["status"] })),
    currentStep: current,
    error: row.error ?? null,
    request: row.request,
    attempts: row.attempts,
    requestedBy: row.requestedBy,
    startedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}
