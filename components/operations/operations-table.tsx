"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { LoadMoreFooter } from "@/components/ui/load-more-footer";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { useOperations, type OperationFilters } from "@/lib/client/operations/use-operations";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { OperationStatusBadge } from "./operation-status-badge";
import { targetHref, useOperationWords } from "./use-operation-words";

/**
 * The one table of operations: a resource's history (cluster and endpoint pages) and the org's
 * list across kinds (the operations page, `showTarget`). Newest first, more on demand.
 */
export function OperationsTable({
  slug,
  filters,
  live = false,
  initial,
  showTarget = false,
}: {
  slug: string;
  filters: OperationFilters;
  live?: boolean;
  initial?: { items: ConsoleOperation[]; nextCursor: string | null };
  showTarget?: boolean;
}) {
  const t = useTranslations("operations");
  const locale = useLocale() as Locale;
  const words = useOperationWords();
  const errorMessage = useErrorMessage();
  const query = useOperations(slug, filters, { live, initial });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  if (query.isLoading) return <Skeleton className="m-4 h-24" />;
  if (query.error && rows.length === 0) {
    return (
      <p role="alert" className="p-4 text-sm text-red-800">
        {t("failedToLoad")} {errorMessage(query.error)}
      </p>
    );
  }
  if (rows.length === 0) return <p className="p-4 text-sm text-muted">{t("empty")}</p>;
  return (
    <>
      <Table aria-label={t("title")}>
        <thead>
          <tr>
            <Th>{t("columns.operation")}</Th>
            {showTarget ? <Th>{t("columns.target")}</Th> : null}
            <Th>{t("columns.status")}</Th>
            <Th>{t("columns.requestedBy")}</Th>
            <Th>{t("columns.startedAt")}</Th>
            <Th>{t("columns.finishedAt")}</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((op) => (
            <tr key={op.id} data-testid="operation-row">
              <Td>
                {words.kind(op.kind)}
                {op.error ? <p className="text-xs text-red-700">{op.error.message}</p> : null}
              </Td>
              {showTarget ? (
                <Td>
                  <Link href={targetHref(slug, op.target, op.request)} className="hover:underline" title={op.target.id}>
                    {op.target.name ?? op.target.id}
                  </Link>
                </Td>
              ) : null}
              <Td>
                <OperationStatusBadge status={op.status} />
              </Td>
              <Td className="text-xs">{op.requestedBy ?? t("system")}</Td>
              {/* Relative to "now", which moves between the server's render and hydration. */}
              <Td className="whitespace-nowrap text-muted" title={formatDateTime(op.startedAt, locale)} suppressHydrationWarning>
                {formatRelative(op.startedAt, locale)}
              </Td>
              <Td className="whitespace-nowrap text-muted">{op.finishedAt ? formatDateTime(op.finishedAt, locale) : "—"}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <LoadMoreFooter pages={query} />
    </>
  );
}
