"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Building2, TrendingDown, TrendingUp } from "lucide-react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { api, ok } from "@/lib/client/api";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { AccountSummary, BudgetStatus, StaffMember } from "@/lib/domain/staff";
import { formatNumber, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { SortableHeader } from "./sortable-header";

export const BUDGET_TONES: Record<BudgetStatus, Tone> = { none: "neutral", ok: "success", warning: "warning", exceeded: "danger" };

function quotaTone(percent: number): Tone {
  return percent >= 100 ? "danger" : percent >= 80 ? "warning" : "neutral";
}

export function StaffAccountsTable({
  accounts,
  managers,
  canAssign,
  sort,
  dir,
  filtered,
}: {
  accounts: AccountSummary[];
  managers: StaffMember[];
  canAssign: boolean;
  sort: string;
  dir: "asc" | "desc";
  filtered: boolean;
}) {
  const t = useTranslations("staff");
  const tb = useTranslations("staff.book");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const assign = async (slug: string, staffUserId: string, assigned: boolean) => {
    setBusy(slug);
    try {
      await ok(api.PUT("/api/v1/staff/accounts/{org}/managers", { params: { path: { org: slug } }, body: { staffUserId, assigned } }));
      toast.success(assigned ? t("assigned") : t("unassigned"));
      router.refresh();
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  if (accounts.length === 0) {
    return filtered ? (
      <EmptyState icon={<Building2 className="size-8" />} title={t("emptyFiltered")} description={t("emptyFilteredBody")} />
    ) : (
      <EmptyState icon={<Building2 className="size-8" />} title={t("empty")} description={t("emptyBody")} />
    );
  }
  const header = (column: string, label: string, numeric = true) => <SortableHeader column={column} label={label} numeric={numeric} current={sort} dir={dir} />;
  return (
    <Card>
      <Table>
        <thead>
          <tr>
            {header("name", t("org"), false)}
            {header("monthToDate", tb("monthToDate"))}
            {header("lastMonth", tb("lastMonth"))}
            {header("trend", tb("trend"))}
            {header("gpus", tb("gpus"))}
            {header("quota", tb("quota"))}
            {header("requests", tb("requests"))}
            <th scope="col" className="border-b border-line bg-canvas px-4 py-2 text-left text-xs font-semibold text-muted">
              {tb("budget")}
            </th>
            {header("overdue", tb("overdue"))}
            <th scope="col" className="border-b border-line bg-canvas px-4 py-2 text-left text-xs font-semibold text-muted">
              {t("managers")}
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.orgId} data-testid="staff-account-row" data-slug={a.slug}>
              <Td>
                <Link href={`/staff/accounts/${a.slug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {locale === "ja" ? a.legalNameJa : a.legalNameEn}
                </Link>
                <span className="block font-mono text-xs text-muted">{a.slug}</span>
              </Td>
              <Td numeric>{formatYen(a.spend.monthToDateJpy, locale)}</Td>
              <Td numeric className="text-muted">
                {formatYen(a.spend.lastMonthJpy, locale)}
              </Td>
              <Td numeric title={tb("trendTitle", { forecast: formatYen(a.spend.forecastJpy, locale) })}>
                {a.spend.trendPercent === null ? (
                  <span className="text-muted">{tb("trendNone")}</span>
                ) : (
                  <span className={`inline-flex items-center gap-1 ${a.spend.trendPercent >= 0 ? "text-emerald-800" : "text-amber-900"}`}>
                    {a.spend.trendPercent >= 0 ? <TrendingUp className="size-3.5" aria-hidden /> : <TrendingDown className="size-3.5" aria-hidden />}
                    {a.spend.trendPercent > 0 ? "+" : ""}
                    {formatNumber(a.spend.trendPercent, locale, 1)}%
                  </span>
                )}
              </Td>
              <Td numeric>
                {a.gpusInUseTotal === 0 ? (
                  <span className="text-muted">{tb("gpusNone")}</span>
                ) : (
                  <span className="text-xs">
                    {a.gpusInUse.map((g) => (
                      <span key={g.gpuModel} className="block whitespace-nowrap">
                        {g.gpuModel} × {formatNumber(g.gpus, locale)}
                      </span>
                    ))}
                  </span>
                )}
              </Td>
              <Td numeric title={a.quota.tightest ? tb("quotaTitle", { region: a.quota.tightest.regionId, gpuModel: a.quota.tightest.gpuModel, inUse: a.quota.tightest.inUse, limit: a.quota.tightest.limit }) : undefined}>
                <Badge tone={quotaTone(a.quota.highestUsePercent)}>{a.quota.highestUsePercent}%</Badge>
              </Td>
              <Td numeric>
                {a.openQuotaRequests > 0 ? (
                  <Link href={`/staff/accounts/${a.slug}#quota-requests`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {a.openQuotaRequests}
                  </Link>
                ) : (
                  <span className="text-muted">0</span>
                )}
              </Td>
              <Td>
                <Badge tone={BUDGET_TONES[a.budget.status]}>
                  {t(`budgetStatus.${a.budget.status}`)}
                  {a.budget.spentPercent !== null ? ` ${a.budget.spentPercent}%` : ""}
                </Badge>
              </Td>
              <Td numeric>
                {a.overdueInvoices.count > 0 ? (
                  <span className="text-red-800">
                    {formatYen(a.overdueInvoices.amountJpy, locale)}
                    <span className="block text-xs">{tb("overdueCount", { count: a.overdueInvoices.count })}</span>
                  </span>
                ) : (
                  <span className="text-muted">—</span>
                )}
              </Td>
              <Td>
                {a.managers.length === 0 ? (
                  <Badge tone="warning">{t("unassignedLabel")}</Badge>
                ) : (
                  <ul className="space-y-1">
                    {a.managers.map((m) => (
                      <li key={m.userId} className="flex items-center gap-2 whitespace-nowrap">
                        <span>{m.name}</span>
                        {canAssign ? (
                          <Button variant="link" size="sm" disabled={busy === a.slug} onClick={() => void assign(a.slug, m.userId, false)}>
                            {t("unassign")}
                          </Button>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
                {canAssign ? (
                  <div className="mt-1 flex items-center gap-2">
                    <select
                      aria-label={`${t("assignManager")}: ${a.slug}`}
                      className="rounded border border-line bg-white px-2 py-1 text-sm"
                      value={choice[a.slug] ?? ""}
                      onChange={(e) => setChoice({ ...choice, [a.slug]: e.target.value })}
                    >
                      <option value="">—</option>
                      {managers.map((m) => (
                        <option key={m.userId} value={m.userId}>
                          {m.name}
                        </option>
                      ))}
                    </select>
                    <Button size="sm" variant="secondary" disabled={!choice[a.slug] || busy === a.slug} onClick={() => void assign(a.slug, choice[a.slug], true)}>
                      {t("assign")}
                    </Button>
                  </div>
                ) : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <p className="border-t border-line px-4 py-2 text-xs text-muted">{tb("exclTax")}</p>
    </Card>
  );
}
