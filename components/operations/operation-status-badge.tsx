"use client";
import { Badge } from "@/components/ui/badge";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { useOperationWords } from "./use-operation-words";

const TONE = { queued: "info", pending: "warning", running: "info", succeeded: "success", failed: "danger", cancelled: "neutral" } as const;

export function OperationStatusBadge({ status }: { status: ConsoleOperation["status"] }) {
  return <Badge tone={TONE[status]}>{useOperationWords().status(status)}</Badge>;
}
