"use client";
import { useLocale, useTranslations } from "next-intl";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useClusterEvents } from "@/lib/client/telemetry/use-telemetry";
import type { ClusterEvent } from "@/lib/domain/telemetry";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// The cluster's hardware timeline — a fault (XID 79, double-bit ECC, heat), the cordon, the
// replacement with the new machine's GPU serials — and this month's degraded minutes, plainly.

function EventLine({ event, locale }: { event: ClusterEvent; locale: Locale }) {
  const t = useTranslations("telemetry.events");
  const fault = event.fault ? t(`fault.${event.fault}`) : "";
  return (
    <li className="border-l-2 border-line pl-3" data-testid="gpu-event" data-kind={event.kind}>
      <p className="text-xs text-muted">
        <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
      </p>
      <p className="font-medium">{t(`kind.${event.kind}`, { node: event.hostname, fault, newNode: event.replacement?.hostname ?? "" })}</p>
      {event.gpu && event.kind === "fault_detected" ? (
        <p className="font-mono text-xs text-muted">
          GPU #{event.gpu.index} · {event.gpu.uuid} · {event.gpu.boardSerial}
          {event.xid !== null ? ` · XID ${event.xid}` : ""}
        </p>
      ) : null}
      {event.replacement && event.kind === "node_replaced" ? (
        <details className="text-xs">
          <summary className="cursor-pointer text-brand-700">{t("newSerials", { count: event.replacement.gpus.length })}</summary>
          <ul className="mt-1 font-mono" data-testid="new-serials">
            {event.replacement.gpus.map((g) => (
              <li key={g.uuid}>
                #{g.index} {g.boardSerial}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

export function GpuEventsTimeline({ slug, clusterId }: { slug: string; clusterId: string }) {
  const t = useTranslations("telemetry.events");
  const locale = useLocale() as Locale;
  const events = useClusterEvents(slug, clusterId);
  const a = events.data?.availability;
  return (
    <Card>
      <CardHeader
        title={t("title")}
        description={
          a ? (
            <span data-testid="availability">
              {t("availability", { month: a.month, minutes: formatNumber(a.degradedMinutes, locale), incidents: a.incidents, percent: formatNumber(a.availabilityPercent, locale, 2) })}
            </span>
          ) : undefined
        }
      />
      <CardBody>
        {events.data && events.data.items.length > 0 ? (
          <ol className="space-y-3 text-sm" data-testid="gpu-events">
            {events.data.items.map((e) => (
              <EventLine key={e.id} event={e} locale={locale} />
            ))}
          </ol>
        ) : (
          <p className="text-sm text-muted">{t("none")}</p>
        )}
      </CardBody>
    </Card>
  );
}
