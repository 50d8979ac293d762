"use client";
import { useLocale, useTranslations } from "next-intl";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useMonthToDate } from "@/lib/client/billing/use-costs";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// Beside a 稟議: what the org has spent this JST month and its budgets, so an approver weighs the
// estimate against them. Shown to those who may read billing (spend is not for every role).

export function ApprovalSpend() {
  const { slug } = useOrg();
  const t = useTranslations("approvals.detail");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const canRead = useCan("billing.read");
  return (
    <Card>
      <CardHeader title={t("spendTitle")} />
      <CardBody className="space-y-2 text-sm">{canRead ? <Spend slug={slug} t={t} locale={locale} errorMessage={errorMessage} /> : <p className="text-muted">{t("spendForbidden")}</p>}</CardBody>
    </Card>
  );
}

function Spend({ slug, t, locale, errorMessage }: { slug: string; t: ReturnType<typeof useTranslations>; locale: Locale; errorMessage: (e: unknown) => string }) {
  const mtd = useMonthToDate(slug);
  if (mtd.isPending) return <Skeleton className="h-16 w-full" />;
  if (mtd.isError) return <p role="alert" className="text-red-700">{errorMessage(mtd.error)}</p>;
  return (
    <dl className="space-y-2">
      <div className="flex justify-between gap-4">
        <dt className="text-muted">{t("monthToDate")}</dt>
        <dd className="tabular-nums">{formatYen(mtd.data.monthToDateJpy, locale)}</dd>
      </div>
      <div className="flex justify-between gap-4">
        <dt className="text-muted">{t("forecast")}</dt>
        <dd className="tabular-nums">{formatYen(mtd.data.forecastJpy, locale)}</dd>
      </div>
      <div>
        <dt className="text-muted">{t("budgets")}</dt>
        <dd>
          {mtd.data.budgets.length === 0 ? (
            <span className="text-muted">{t("noBudgets")}</span>
          ) : (
            <ul className="mt-1 space-y-1">
              {mtd.data.budgets.map((b) => (
                <li key={b.id}>{t("budgetLine", { name: b.name, amount: formatYen(b.monthlyAmountJpy, locale), percent: Math.round(b.percentUsed) })}</li>
              ))}
            </ul>
          )}
        </dd>
      </div>
    </dl>
  );
}
