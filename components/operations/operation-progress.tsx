"use client";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { useOperationWords } from "./use-operation-words";

/** An operation in flight (of any resource kind): a progress bar, the current step in words, and every step's state. */
export function OperationProgress({ operation }: { operation: ConsoleOperation }) {
  const t = useTranslations("operations");
  const words = useOperationWords();
  const kind = words.kind(operation.kind);
  return (
    <div className="space-y-3" data-testid="operation-progress">
      <div className="flex items-center justify-between gap-3 text-sm">
        <span className="font-medium">
          {kind}
          {operation.currentStep ? ` — ${words.step(operation.currentStep)}` : null}
        </span>
        <span className="tabular text-muted">{operation.progress}%</span>
      </div>
      <div className="h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuenow={operation.progress} aria-valuemin={0} aria-valuemax={100} aria-label={kind}>
        <div className={cn("h-full rounded-full transition-all", operation.status === "failed" ? "bg-red-600" : "bg-brand-600")} style={{ width: `${operation.progress}%` }} />
      </div>
      {operation.status === "pending" ? <p className="text-xs text-amber-900">{t("waitingForControlPlane", { attempts: operation.attempts })}</p> : null}
      <ol className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {operation.steps
          .filter((s) => s.status !== "skipped")
          .map((s) => (
            <li key={s.name} className={cn(s.status === "running" && "font-semibold text-ink", s.status === "succeeded" && "text-emerald-800", s.status === "failed" && "text-red-700", s.status === "pending" && "text-muted")}>
              {words.step(s.name)} · {words.stepStatus(s.status)}
            </li>
          ))}
      </ol>
      {operation.error ? <p className="text-sm text-red-700">{operation.error.message}</p> : null}
    </div>
  );
}
