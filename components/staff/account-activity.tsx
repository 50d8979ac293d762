"use client";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useAccountActivity } from "@/lib/client/staff/use-account-notes";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

/** The account's timeline: the customer's audit log merged with staff actions about it. */
export function AccountActivityTimeline({ slug }: { slug: string }) {
  const t = useTranslations("staff.activity");
  const ta = useTranslations("audit");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const activity = useAccountActivity(slug);
  const items = activity.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody>
        {activity.isLoading ? (
          <div className="space-y-2">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-6 w-full" />
            ))}
          </div>
        ) : activity.error ? (
          <p role="alert" className="text-sm text-red-800">
            {errorMessage(activity.error)}
          </p>
        ) : items.length === 0 ? (
          <p className="text-sm text-muted">{t("empty")}</p>
        ) : (
          <ol className="space-y-3 border-l border-line pl-4">
            {items.map((e) => (
              <li key={e.id} data-testid="account-activity" className="text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-xs">{e.action}</span>
                  <Badge tone={e.log === "staff" ? "info" : "neutral"}>{t(`logs.${e.log}`)}</Badge>
                  {e.actor.type === "staff" ? <Badge tone="warning">{ta("actorTypes.staff")}</Badge> : null}
                </div>
                <p className="text-xs text-muted" title={formatDateTime(e.createdAt, locale)}>
                  {e.actor.name ?? "—"} · {formatRelative(e.createdAt, locale)}
                </p>
              </li>
            ))}
          </ol>
        )}
        {activity.hasNextPage ? (
          <Button className="mt-3" variant="secondary" size="sm" onClick={() => void activity.fetchNextPage()} disabled={activity.isFetchingNextPage}>
            {activity.isFetchingNextPage ? tc("loading") : tc("loadMore")}
          </Button>
        ) : null}
      </CardBody>
    </Card>
  );
}
