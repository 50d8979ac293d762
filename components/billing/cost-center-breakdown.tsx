"use client";
import { useLocale, useTranslations } from "next-intl";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { costCenterBreakdown, hasCostAllocation } from "@/lib/domain/billing/cost-center-breakdown";
import type { Invoice } from "@/lib/domain/billing";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// 内訳: the invoice's subtotal by cost center (部門・プロジェクト) with its 発注番号, summed from
// the lines as issued — so it adds up to the subtotal to the yen. Absent when no line names one.

export function CostCenterBreakdown({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("billing.breakdown");
  const locale = useLocale() as Locale;
  if (!hasCostAllocation(invoice)) return null;
  const rows = costCenterBreakdown(invoice);
  return (
    <Card data-testid="cost-center-breakdown">
      <CardHeader title={t("title")} description={t("description")} />
      <Table>
        <thead>
          <tr>
            <Th>{t("costCenter")}</Th>
            <Th>{t("poNumbers")}</Th>
            <Th>{t("lines")}</Th>
            <Th numeric>{t("amount")}</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.costCenter?.id ?? "none"}>
              <Td>{r.costCenter ? `${r.costCenter.code} ${locale === "ja" ? r.costCenter.nameJa : r.costCenter.nameEn}` : t("none")}</Td>
              <Td className="font-mono text-xs">{r.poNumbers.length ? r.poNumbers.join(", ") : "—"}</Td>
              <Td className="tabular text-xs text-muted">{r.lineNos.join(", ")}</Td>
              <Td numeric>{formatYen(r.amountJpy, locale)}</Td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <Td colSpan={3}>{t("subtotal")}</Td>
            <Td numeric>{formatYen(rows.reduce((s, r) => s + r.amountJpy, 0), locale)}</Td>
          </tr>
        </tfoot>
      </Table>
    </Card>
  );
}
