"use client";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useCancelQueuedOperation, useQueuedOrder } from "@/lib/client/operations/use-queued-orders";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { QueuedOrder } from "@/lib/domain/queued-orders";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// 空き待ち: where an order stands in its zone's line and when it should start, with the basis of
// the estimate in words, so a customer can decide to wait, to change zone, or to reserve.

export function QueueFacts({ order }: { order: QueuedOrder }) {
  const t = useTranslations("clusters.queue");
  const locale = useLocale() as Locale;
  const b = order.estimateBasis;
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3" data-testid="queue-facts">
      <div>
        <dt className="text-muted">{t("position")}</dt>
        <dd className="text-lg font-semibold tabular" data-testid="queue-position">
          {t("positionValue", { position: order.position })}
        </dd>
      </div>
      <div>
        <dt className="text-muted">{t("estimate")}</dt>
        <dd className="text-lg font-semibold" data-testid="queue-estimate">
          {order.estimatedStartAt ? formatDateTime(order.estimatedStartAt, locale) : t("noEstimate")}
        </dd>
      </div>
      <div>
        <dt className="text-muted">{t("deadline")}</dt>
        <dd>{order.deadline ? formatDateTime(order.deadline, locale) : t("noDeadline")}</dd>
      </div>
      <p className="text-xs text-muted sm:col-span-3" data-testid="queue-basis">
        {t("basis", { shape: order.estimateShapeId, zone: order.zoneId, available: b.availableNow, ahead: b.aheadInQueue, orders: order.ordersAhead, known: b.knownReleases, rate: b.observedReleasesPerHour })}{" "}
        {t("computedAt", { at: formatDateTime(order.computedAt, locale) })}
      </p>
    </dl>
  );
}

/** The panel on a resource whose operation waits for capacity: its place, estimate, and withdrawing it. */
export function QueuePositionPanel({ operationId }: { operationId: string }) {
  const { slug } = useOrg();
  const t = useTranslations("clusters.queue");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const canCancel = useCan("clusters.write");
  const order = useQueuedOrder(slug, operationId);
  const cancel = useCancelQueuedOperation(slug);
  return (
    <section aria-labelledby="queue-title" className="space-y-3 rounded-md border border-sky-200 bg-sky-50 p-4" data-testid="queue-panel">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 id="queue-title" className="font-semibold">
            {t("title")}
          </h2>
          <p className="text-sm text-muted">{t("description")}</p>
        </div>
        {canCancel ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(operationId, { onSuccess: () => toast.success(t("cancelled")), onError: (error) => toast.error(errorMessage(error)) })}
          >
            {t("cancel")}
          </Button>
        ) : null}
      </div>
      {order.data ? <QueueFacts order={order.data} /> : order.isError ? <p className="text-sm text-muted">{t("unavailable")}</p> : <p className="text-sm text-muted">{t("loading")}</p>}
    </section>
  );
}
