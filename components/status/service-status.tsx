"use client";
import { useLocale, useTranslations } from "next-intl";
import { CheckCircle2, RefreshCw, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useControlPlaneHealth, type ControlPlaneHealthState } from "@/lib/client/catalog/use-control-plane-health";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// The parts a customer depends on, in the order they reach them. The console's own row is
// whether its API answered this check; the others are what /api/health probed behind it.
const PARTS = ["console", "database", "controlPlane"] as const;
type Part = (typeof PARTS)[number];

function stateOf(health: ControlPlaneHealthState, part: Part): "ok" | "down" | "unknown" {
  if (part === "console") return health.consoleAnswered ? "ok" : "down";
  if (!health.consoleAnswered) return "unknown";
  return health.components[part] ?? "unknown";
}

/** 稼働状況: one row per part with its state, the time of the check, and a way to check again. */
export function ServiceStatus({ initial }: { initial: ControlPlaneHealthState }) {
  const t = useTranslations("help.statusPage");
  const locale = useLocale() as Locale;
  const query = useControlPlaneHealth();
  const health = query.data ?? initial;
  const states = PARTS.map((part) => [part, stateOf(health, part)] as const);
  const allOk = states.every(([, s]) => s === "ok");
  return (
    <div className="space-y-4">
      <div
        role="status"
        data-testid="status-summary"
        className={allOk ? "flex items-center gap-3 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-emerald-900" : "flex items-center gap-3 rounded-md border border-red-300 bg-red-50 p-4 text-red-900"}
      >
        {allOk ? <CheckCircle2 className="size-5 shrink-0" aria-hidden /> : <TriangleAlert className="size-5 shrink-0" aria-hidden />}
        <p className="font-semibold">{allOk ? t("allOperational") : t("someDown")}</p>
      </div>
      <Card className="p-0">
        <ul className="divide-y divide-line" aria-label={t("partsLabel")}>
          {states.map(([part, state]) => (
            <li key={part} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid={`status-${part}`}>
              <div className="min-w-0">
                <p className="font-medium text-ink">{t(`parts.${part}.name`)}</p>
                <p className="text-sm text-muted">{t(`parts.${part}.description`)}</p>
              </div>
              <Badge tone={state === "ok" ? "success" : state === "down" ? "danger" : "neutral"}>{t(`state.${state}`)}</Badge>
            </li>
          ))}
        </ul>
      </Card>
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted">
        <p>{t("checkedAt", { time: formatDateTime(health.checkedAt, locale) })}</p>
        <Button variant="secondary" onClick={() => void query.refetch()} disabled={query.isFetching}>
          <RefreshCw className="size-4" aria-hidden />
          {t("checkAgain")}
        </Button>
      </div>
      <p className="text-sm text-muted">{t("note")}</p>
    </div>
  );
}
