"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { Breadcrumbs } from "@/components/templates/breadcrumbs";
import { CopyValue } from "@/components/templates/copy-value";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useCancelReservation, useReservation } from "@/lib/client/reservations/use-reservations";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { ReservationStatusBadge } from "./reservation-status-badge";

// One reservation: its terms as ordered, what runs on it now, and its utilisation so far.

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="mt-0.5 text-sm text-ink tabular">{children}</dd>
    </div>
  );
}

export function ReservationDetail({ id }: { id: string }) {
  const { slug } = useOrg();
  const t = useTranslations("reservations");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const canOrder = useCan("reservations.order");
  const reservation = useReservation(slug, id);
  const cancel = useCancelReservation(slug);
  const [confirming, setConfirming] = useState(false);

  if (reservation.isPending) return <Skeleton className="h-60 w-full" />;
  if (reservation.isError) return <p role="alert" className="text-sm text-red-700">{errorMessage(reservation.error)}</p>;
  const r = reservation.data;
  return (
    <div className="space-y-4">
      {/* Under the section's heading (the layout's), like an invoice under 請求・コスト. */}
      <Breadcrumbs trail={[{ label: t("title"), href: `/${slug}/reservations` }, { label: t("summary", { shape: r.shapeId, count: r.count, zone: r.zoneId }) }]} />
      <Card>
        <CardHeader
          title={t("summary", { shape: r.shapeId, count: r.count, zone: r.zoneId })}
          description={<CopyValue value={r.id} label="ID" />}
          actions={
            <>
              <ReservationStatusBadge status={r.status} />
              {canOrder && r.status === "pending" ? (
                <Button variant="secondary" onClick={() => setConfirming(true)}>
                  {t("cancel")}
                </Button>
              ) : null}
            </>
          }
        />
        <CardBody>
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
            <Fact label={t("detail.start")}>{formatDateTime(r.startsAt, locale)}</Fact>
            <Fact label={t("detail.end")}>{formatDateTime(r.endsAt, locale)}</Fact>
            <Fact label={t("detail.term")}>{t(`terms.${r.term}`)}</Fact>
            <Fact label={t("detail.gpus")}>{r.gpuCount}</Fact>
            <Fact label={t("detail.rate")}>{t("perNodeHour", { rate: r.reservedRatePerHour })}</Fact>
            <Fact label={t("detail.commitment")}>{formatYen(r.totalCommitment.amount, locale)}</Fact>
            <Fact label={t("detail.inUse")}>{t("inUseOf", { inUse: r.inUse, count: r.count })}</Fact>
          </dl>
          <p className="mt-4 text-xs text-muted">{t("endNote")}</p>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("utilisation.title")} description={t("utilisation.basis")} />
        <CardBody>
          {r.utilisation ? (
            <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
              <Fact label={t("utilisation.used")}>{t("gpuHours", { hours: r.utilisation.usedGpuHours })}</Fact>
              <Fact label={t("utilisation.reserved")}>{t("gpuHours", { hours: r.utilisation.reservedGpuHours })}</Fact>
              <Fact label={t("utilisation.percent")}>{`${r.utilisation.percent}%`}</Fact>
              <Fact label={t("utilisation.idle")}>{formatYen(r.utilisation.idle.amount, locale)}</Fact>
            </dl>
          ) : (
            <p className="text-sm text-muted">{t("utilisation.notStarted")}</p>
          )}
        </CardBody>
      </Card>
      <ConfirmDialog
        open={confirming}
        onCancel={() => setConfirming(false)}
        title={t("cancelTitle")}
        description={t("cancelBody")}
        confirmLabel={t("cancel")}
        cancelLabel={tc("cancel")}
        closeLabel={tc("close")}
        pending={cancel.isPending}
        onConfirm={() =>
          cancel.mutate(r.id, {
            onSuccess: () => toast.success(t("cancelled")),
            onError: (error) => toast.error(errorMessage(error)),
            onSettled: () => setConfirming(false),
          })
        }
      />
    </div>
  );
}
