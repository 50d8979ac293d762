"use client";
import { useLocale, useTranslations } from "next-intl";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { ReservationCells } from "@/components/reservations/reservation-cells";
import type { CostReservations } from "@/lib/domain/billing-api";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// 「キャパシティ予約」 in the cost explorer: each reservation whose term overlaps the month, the
// charge its invoice line bills for the month (so far, in the current month), and its utilisation
// and idle yen as its own page shows them. Reservation charges are their own invoice lines, so
// the section has its own total and the usage totals above stay as they are.

export function ReservationCosts({ slug, month, isCurrent, data }: { slug: string; month: string; isCurrent: boolean; data: CostReservations }) {
  const t = useTranslations("billing.reservationCosts");
  const locale = useLocale() as Locale;
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description", { month })} />
      <CardBody className="space-y-3">
        <p className="text-xs text-muted" data-testid="reservation-costs-note">
          {t("note")}
          {isCurrent ? ` ${t("currentMonthNote")}` : ""}
        </p>
        {data.items.length === 0 ? (
          <p className="text-sm text-muted">{t("empty")}</p>
        ) : (
          <Table data-testid="reservation-costs">
            <caption className="sr-only">{t("title")}</caption>
            <thead>
              <tr>
                <Th>{t("columns.reservation")}</Th>
                <Th>{t("columns.status")}</Th>
                <Th>{t("columns.window")}</Th>
                <Th numeric>{t("columns.charge")}</Th>
                <Th numeric>{t("columns.utilisation")}</Th>
                <Th numeric>{t("columns.idle")}</Th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.id}>
                  <ReservationCells slug={slug} reservation={r} />
                  <Td numeric>
                    {formatYen(r.chargeJpy, locale)}
                    <div className="text-xs text-muted">{t("nodeHours", { hours: r.nodeHoursInRange })}</div>
                  </Td>
                  <Td numeric>
                    {r.utilisation ? (
                      <>
                        {`${r.utilisation.percent}%`}
                        <div className="text-xs text-muted">{t("gpuHoursOf", { used: r.utilisation.usedGpuHours, reserved: r.utilisation.reservedGpuHours })}</div>
                      </>
                    ) : (
                      <span className="text-muted">{t("notStarted")}</span>
                    )}
                  </Td>
                  <Td numeric>{r.utilisation ? formatYen(r.utilisation.idle.amount, locale) : "—"}</Td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="font-semibold">
                <Td>{t("total")}</Td>
                <Td />
                <Td />
                <Td numeric data-testid="reservation-costs-total">
                  {formatYen(data.chargeJpy, locale)}
                </Td>
                <Td />
                <Td />
              </tr>
            </tfoot>
          </Table>
        )}
      </CardBody>
    </Card>
  );
}
