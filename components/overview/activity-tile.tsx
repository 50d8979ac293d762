"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { Overview } from "@/lib/domain/overview";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { Tile } from "./tile";
import { OperationStatusBadge } from "@/components/operations/operation-status-badge";
import { targetHref, useOperationWords } from "@/components/operations/use-operation-words";

export function OperationsTile({ slug, operations }: { slug: string; operations: Overview["operations"] }) {
  const t = useTranslations("overview");
  const locale = useLocale() as Locale;
  const words = useOperationWords();
  return (
    <Tile title={t("operations")} href={`/${slug}/operations`} linkLabel={t("toOperations")}>
      {operations.length === 0 ? (
        <p className="text-sm text-muted">{t("noOperations")}</p>
      ) : (
        <ul className="space-y-1.5 text-xs">
          {operations.map((op) => (
            <li key={op.id} className="flex items-center gap-2">
              <OperationStatusBadge status={op.status} />
              <Link href={targetHref(slug, op.target, op.request)} className="min-w-0 flex-1 truncate hover:underline" title={op.target.id}>
                {words.kind(op.kind)} · {op.target.name ?? op.target.id}
              </Link>
              <span className="text-muted" title={formatDateTime(op.startedAt, locale)}>{formatRelative(op.startedAt, locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}

export function AuditTile({ slug, audit }: { slug: string; audit: NonNullable<Overview["audit"]> }) {
  const t = useTranslations("overview");
  const locale = useLocale() as Locale;
  return (
    <Tile title={t("audit")} href={`/${slug}/audit`} linkLabel={t("toAudit")}>
      <ul className="space-y-1.5 text-xs">
        {audit.map((e) => (
          <li key={e.id} className="flex items-center gap-2">
            <span className="font-mono">{e.action}</span>
            <span className="min-w-0 flex-1 truncate text-muted">{e.actorName}</span>
            <span className="text-muted" title={formatDateTime(e.createdAt, locale)}>{formatRelative(e.createdAt, locale)}</span>
          </li>
        ))}
      </ul>
    </Tile>
  );
}

export function QuotaRequestsTile({ slug, requests }: { slug: string; requests: NonNullable<Overview["quotaRequests"]> }) {
  const t = useTranslations("overview");
  return (
    <Tile title={t("quotaRequests")} href={`/${slug}/shapes`} linkLabel={t("toShapes")}>
      {requests.length === 0 ? (
        <p className="text-sm text-muted">{t("noQuotaRequests")}</p>
      ) : (
        <ul className="space-y-1.5 text-xs">
          {requests.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-2">
              <span>
                {r.gpuModel} · {r.regionId}: {r.currentGpus} → {r.requestedGpus}
              </span>
              <Badge tone="warning">{t("pending")}</Badge>
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}
