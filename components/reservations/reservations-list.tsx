"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { CalendarClock, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useReservations } from "@/lib/client/reservations/use-reservations";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { ReservationCells } from "./reservation-cells";

// 「キャパシティ予約」一覧: each reservation's window, state on the fleet's clock, nodes in use
// now and utilisation so far (used / reserved GPU-hours, and the money the unused hours cost).

export function ReservationsList() {
  const { slug } = useOrg();
  const t = useTranslations("reservations");
  const locale = useLocale() as Locale;
  const canOrder = useCan("reservations.order");
  const errorMessage = useErrorMessage();
  const list = useReservations(slug);

  const orderButton = canOrder ? (
    <Button asChild>
      <Link href={`/${slug}/reservations/new`}>
        <Plus className="size-4" aria-hidden />
        {t("order")}
      </Link>
    </Button>
  ) : null;

  if (list.isPending) return <Skeleton className="h-40 w-full" />;
  if (list.isError) return <p role="alert" className="text-sm text-red-700">{errorMessage(list.error)}</p>;
  if (list.data.length === 0) {
    return <EmptyState icon={<CalendarClock className="size-8" />} title={t("emptyTitle")} description={t("emptyBody")} action={orderButton} />;
  }
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-muted">{t("intro")}</p>
        {orderButton}
      </div>
      <Card>
        <Table>
          <thead>
            <tr>
              <Th>{t("columns.reservation")}</Th>
              <Th>{t("columns.status")}</Th>
              <Th>{t("columns.window")}</Th>
              <Th numeric>{t("columns.inUse")}</Th>
              <Th numeric>{t("columns.utilisation")}</Th>
              <Th numeric>{t("columns.commitment")}</Th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((r) => (
              <tr key={r.id}>
                <ReservationCells slug={slug} reservation={r} />
                <Td numeric>{t("inUseOf", { inUse: r.inUse, count: r.count })}</Td>
                <Td numeric>{r.utilisation ? `${r.utilisation.percent}%` : "—"}</Td>
                <Td numeric>{formatYen(r.totalCommitment.amount, locale)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </div>
  );
}
