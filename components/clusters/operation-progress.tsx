"use client";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { ConsoleOperation } from "@/lib/domain/operations";

/** An operation in flight: a progress bar, the current step in words, and every step's state. */
export function ClusterOperationProgress({ operation }: { operation: ConsoleOperation }) {
  const t = useTranslations("clusters");
  const step = (name: string) => (t.has(`steps.${name}` as "steps.ready") ? t(`steps.${name}` as "steps.ready") : name);
  const kind = t(`operationKind.${operation.kind.replace(".", "_")}` as "operationKind.cluster_create");
  return (
    <div className="space-y-3" data-testid="operation-progress">
      <div className="flex items-center justify-between text-sm">
        <span className="font-medium">
          {kind}
          {operation.currentStep ? ` — ${step(operation.currentStep)}` : null}
        </span>
        <span className="tabular text-muted">{operation.progress}%</span>
      </div>
      <div className="h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuenow={operation.progress} aria-valuemin={0} aria-valuemax={100} aria-label={kind}>
        <div className={cn("h-full rounded-full transition-all", operation.status === "failed" ? "bg-red-600" : "bg-brand-600")} style={{ width: `${operation.progress}%` }} />
      </div>
      {operation.status === "pending" ? <p className="text-xs text-amber-900">{t("detail.waitingForControlPlane", { attempts: operation.attempts })}</p> : null}
      <ol className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {operation.steps
          .filter((s) => s.status !== "skipped")
          .map((s) => (
            <li key={s.name} className={cn(s.status === "running" && "font-semibold text-ink", s.status === "succeeded" && "text-emerald-800", s.status === "failed" && "text-red-700", s.status === "pending" && "text-muted")}>
              {step(s.name)} · {t(`stepStatus.${s.status}`)}
            </li>
          ))}
      </ol>
    </div>
  );
}
