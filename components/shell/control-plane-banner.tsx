"use client";
import { useLocale, useTranslations } from "next-intl";
import { ServerCrash } from "lucide-react";
import { useControlPlaneHealth } from "@/lib/client/catalog/use-control-plane-health";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

/** Says, above every console page, when the GPU control plane cannot be reached (polls /api/health every 30 s). */
export function ControlPlaneBanner() {
  const t = useTranslations("nav.controlPlaneBanner");
  const locale = useLocale() as Locale;
  const health = useControlPlaneHealth();
  if (health.data?.status !== "down") return null;
  return (
    <div role="alert" data-testid="control-plane-banner" className="flex items-start gap-3 border-b border-red-300 bg-red-50 px-8 py-2.5 text-sm text-red-900">
      <ServerCrash className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div>
        <p className="font-semibold">{t("title")}</p>
        <p>{t("body")}</p>
        <p className="text-xs text-red-800/80">{t("checkedAt", { time: formatDateTime(health.data.checkedAt, locale) })}</p>
      </div>
    </div>
  );
}
