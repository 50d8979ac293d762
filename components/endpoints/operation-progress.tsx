"use client";
import { useTranslations } from "next-intl";
import type { EndpointOperation } from "@/lib/domain/endpoints";
import { cn } from "@/components/ui/cn";

/** The long operation an endpoint is going through: a progress bar and the steps in words. */
export function OperationProgress({ operation }: { operation: EndpointOperation }) {
  const t = useTranslations("endpoints.detail");
  const stepLabel = (name: string) => (t.has(`steps.${name}` as "steps.ready") ? t(`steps.${name}` as "steps.ready") : name);
  return (
    <div className="space-y-3" data-testid="operation-progress">
      <div className="flex items-center justify-between text-sm">
        <span className="font-medium">
          {t("operation")}: {t(`operationKind.${operation.kind.split(".")[1] as "create"}`)}
        </span>
        <span className="tabular text-muted">{operation.progress}%</span>
      </div>
      <div className="h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuenow={operation.progress} aria-valuemin={0} aria-valuemax={100} aria-label={t(`operationKind.${operation.kind.split(".")[1] as "create"}`)}>
        <div className={cn("h-full rounded-full transition-all", operation.status === "failed" ? "bg-red-600" : "bg-brand-600")} style={{ width: `${operation.progress}%` }} />
      </div>
      <ol className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {operation.steps
          .filter((s) => s.status !== "skipped")
          .map((s) => (
            <li key={s.name} className={cn(s.status === "running" && "font-semibold text-ink", s.status === "succeeded" && "text-emerald-800", s.status === "failed" && "text-red-700", s.status === "pending" && "text-muted")}>
              {stepLabel(s.name)} · {t(`stepStatus.${s.status}`)}
            </li>
          ))}
      </ol>
      {operation.error ? <p className="text-sm text-red-700">{operation.error.message}</p> : null}
    </div>
  );
}
