"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { ExternalLink } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { AccountDetail } from "@/lib/domain/staff";
import { formatNumber, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { BUDGET_TONES } from "./staff-accounts-table";

const CONSOLE_PAGES = ["overview", "shapes", "clusters", "endpoints", "attestations", "billing", "audit", "settings"] as const;

function Figure({ label, value, sub }: { label: string; value: React.ReactNode; sub?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-line bg-white p-4">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular text-ink">{value}</dd>
      {sub ? <dd className="mt-0.5 text-xs text-muted">{sub}</dd> : null}
    </div>
  );
}

export function AccountOverview({ detail }: { detail: AccountDetail }) {
  const t = useTranslations("staff");
  const ta = useTranslations("staff.account");
  const tb = useTranslations("staff.book");
  const tc = useTranslations("staff.contract");
  const locale = useLocale() as Locale;
  const a = detail.account;
  const trend = a.spend.trendPercent === null ? tb("trendNone") : `${a.spend.trendPercent > 0 ? "+" : ""}${formatNumber(a.spend.trendPercent, locale, 1)}%`;
  return (
    <div className="space-y-6">
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={ta("summary")}>
        <Figure label={tb("monthToDate")} value={formatYen(a.spend.monthToDateJpy, locale)} sub={`${ta("forecast")} ${formatYen(a.spend.forecastJpy, locale)}（${trend}）`} />
        <Figure label={tb("lastMonth")} value={formatYen(a.spend.lastMonthJpy, locale)} sub={tb("exclTax")} />
        <Figure
          label={tb("budget")}
          value={<Badge tone={BUDGET_TONES[a.budget.status]}>{t(`budgetStatus.${a.budget.status}`)}</Badge>}
          sub={a.budget.name ? `${a.budget.name} · ${a.budget.spentPercent}%` : undefined}
        />
        <Figure
          label={tb("overdue")}
          value={a.overdueInvoices.count > 0 ? <span className="text-red-800">{formatYen(a.overdueInvoices.amountJpy, locale)}</span> : "—"}
          sub={a.overdueInvoices.count > 0 ? tb("overdueCount", { count: a.overdueInvoices.count }) : undefined}
        />
        <Figure
          label={ta("gpusByModel")}
          value={a.gpusInUseTotal === 0 ? tb("gpusNone") : formatNumber(a.gpusInUseTotal, locale)}
          sub={a.gpusInUse.map((g) => `${g.gpuModel} × ${g.gpus}`).join("、") || undefined}
        />
        <Figure label={tb("requests")} value={formatNumber(a.openQuotaRequests, locale)} />
        <Figure label={ta("committed")} value={detail.contract ? formatYen(detail.contract.committedMonthlyJpy, locale) : "—"} sub={detail.contract ? undefined : tc("noneStaff")} />
        <Figure
          label={ta("creditLimit")}
          value={detail.contract?.creditLimitJpy != null ? formatYen(detail.contract.creditLimitJpy, locale) : tc("creditLimitNone")}
        />
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={ta("quotas")} />
          <Table>
            <thead>
              <tr>
                <Th>{ta("region")}</Th>
                <Th>{ta("gpuModel")}</Th>
                <Th numeric>{ta("inUse")}</Th>
                <Th numeric>{ta("limit")}</Th>
              </tr>
            </thead>
            <tbody>
              {detail.quotas.map((q) => (
                <tr key={`${q.regionId}/${q.gpuModel}`} data-testid="staff-quota-line" data-line={`${q.regionId}/${q.gpuModel}`}>
                  <Td className="font-mono text-xs">{q.regionId}</Td>
                  <Td>{q.gpuModel}</Td>
                  <Td numeric>{formatNumber(q.inUse, locale)}</Td>
                  <Td numeric>{formatNumber(q.limit, locale)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        <div className="space-y-6">
          <Card>
            <CardHeader title={ta("console")} description={ta("consoleHint")} />
            <CardBody>
              <ul className="grid grid-cols-2 gap-2">
                {CONSOLE_PAGES.map((p) => (
                  <li key={p}>
                    <Link href={p === "overview" ? `/${a.slug}` : `/${a.slug}/${p}`} className="inline-flex items-center gap-1 text-sm text-brand-700 underline-offset-2 hover:underline">
                      {ta(`links.${p}`)}
                      <ExternalLink className="size-3" aria-hidden />
                    </Link>
                  </li>
                ))}
              </ul>
            </CardBody>
          </Card>
          <Card>
            <CardHeader title={ta("summary")} />
            <CardBody>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt className="text-muted">{ta("corporateNumber")}</dt>
                <dd className="font-mono">{detail.corporateNumber ?? "—"}</dd>
                <dt className="text-muted">{ta("contact")}</dt>
                <dd>{detail.contactName ? `${detail.contactName}${detail.contactEmail ? ` <${detail.contactEmail}>` : ""}` : "—"}</dd>
                <dt className="text-muted">{t("members")}</dt>
                <dd>{a.memberCount}</dd>
                <dt className="text-muted">{t("managers")}</dt>
                <dd>{a.managers.map((m) => m.name).join("、") || t("unassignedLabel")}</dd>
              </dl>
            </CardBody>
          </Card>
        </div>
      </div>
    </div>
  );
}
