"use client";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useScalingEvents } from "@/lib/client/endpoints/use-scaling-events";
import type { ScalingEvent } from "@/lib/domain/scaling-events";
import { formatDateTime } from "@/lib/i18n/format";
import { formatQuantity } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";

// Every replica change of the endpoint, newest first, with the reason in the numbers the
// autoscaler decided on: 「処理中 23 > 目標 8 × 2 レプリカ（30 秒継続）」.

function Reason({ event }: { event: ScalingEvent }) {
  const t = useTranslations("autoscaling.timeline.reason");
  const locale = useLocale() as Locale;
  const window = formatQuantity(event.windowSeconds ?? 0, locale, 0);
  if (event.cause === "idle_to_zero") return <>{t("idle_to_zero", { window })}</>;
  if (event.cause === "request_at_zero") return <>{t("request_at_zero")}</>;
  const metric = event.metric ?? "concurrent_requests";
  // Above: the load did not fit the replicas it had; below: it fits the fewer it keeps.
  const replicas = event.cause === "load_above_target" ? event.fromReplicas : event.toReplicas;
  return (
    <>
      {t(`${event.cause}.${metric}`, {
        observed: formatQuantity(event.observed ?? 0, locale, 1),
        target: formatQuantity(event.target ?? 0, locale, 1),
        replicas: formatQuantity(replicas, locale, 0),
        window,
      })}
    </>
  );
}

export function ScalingTimeline({ slug, endpointId }: { slug: string; endpointId: string }) {
  const t = useTranslations("autoscaling.timeline");
  const locale = useLocale() as Locale;
  const events = useScalingEvents(slug, endpointId);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody>
        {events.isPending ? (
          <p className="text-sm text-muted">{t("loading")}</p>
        ) : items.length === 0 ? (
          <p className="text-sm text-muted">{t("empty")}</p>
        ) : (
          <ol className="space-y-3 border-l border-line pl-4" aria-label={t("title")} data-testid="scaling-timeline">
            {items.map((event) => (
              <li key={event.id} className="relative">
                <span aria-hidden className={`absolute -left-[21px] top-1.5 h-2.5 w-2.5 rounded-full ${event.toReplicas > event.fromReplicas ? "bg-brand-600" : "bg-slate-400"}`} />
                <div className="flex flex-wrap items-baseline gap-x-3 text-sm">
                  <time className="tabular text-xs text-muted" dateTime={event.at}>
                    {formatDateTime(event.at, locale)}
                  </time>
                  <span className="font-semibold tabular">{t("change", { from: formatQuantity(event.fromReplicas, locale, 0), to: formatQuantity(event.toReplicas, locale, 0) })}</span>
                </div>
                <p className="text-sm">
                  <Reason event={event} />
                </p>
              </li>
            ))}
          </ol>
        )}
        {events.hasNextPage ? (
          <Button className="mt-3" size="sm" variant="secondary" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {t("more")}
          </Button>
        ) : null}
      </CardBody>
    </Card>
  );
}
