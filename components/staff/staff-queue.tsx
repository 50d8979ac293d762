"use client";
import Link from "next/link";
import { useLocale } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { LoadMoreFooter, type MorePages } from "@/components/ui/load-more-footer";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td } from "@/components/ui/table";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

/**
 * A staff console queue (quota requests, large reservations): its status filter, then the
 * list's loading, error or empty state, or the table with more pages to load. Each queue
 * brings its own columns and draws its rows; the cells below are the ones they share.
 */
export function StaffQueue<S extends string, T>({
  statusLabel,
  statuses,
  status,
  onStatusChange,
  query,
  empty,
  head,
  row,
}: {
  statusLabel: string;
  statuses: ReadonlyArray<{ value: S; label: string }>;
  status: S;
  onStatusChange: (status: S) => void;
  query: MorePages & { isLoading: boolean; error: unknown; data?: { pages: Array<{ items: T[] }> } };
  empty: ReactNode;
  /** The header row's cells. */
  head: ReactNode;
  /** One request's row. */
  row: (item: T) => ReactNode;
}) {
  const errorMessage = useErrorMessage();
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="space-y-3">
      <div className="max-w-xs">
        <SelectField label={statusLabel} value={status} onChange={(e) => onStatusChange(e.target.value as S)}>
          {statuses.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
      </div>
      {query.isLoading ? (
        <Card className="space-y-2 p-4">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-8 w-full" />
          ))}
        </Card>
      ) : query.error ? (
        <p role="alert" className="text-sm text-red-800">
          {errorMessage(query.error)}
        </p>
      ) : items.length === 0 ? (
        empty
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>{head}</tr>
            </thead>
            <tbody>{items.map(row)}</tbody>
          </Table>
          <LoadMoreFooter pages={query} />
        </Card>
      )}
    </div>
  );
}

/** The account a request comes from, linking to its page on the staff console. */
export function StaffOrgCell({ org }: { org: { slug: string; legalNameJa: string; legalNameEn: string } }) {
  const locale = useLocale() as Locale;
  return (
    <Td>
      <Link href={`/staff/accounts/${org.slug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
        {locale === "ja" ? org.legalNameJa : org.legalNameEn}
      </Link>
    </Td>
  );
}

/** When a request was made: relative, the exact time on hover. */
export function RequestedAtCell({ at }: { at: string }) {
  const locale = useLocale() as Locale;
  return (
    <Td className="whitespace-nowrap" title={formatDateTime(at, locale)}>
      {formatRelative(at, locale)}
    </Td>
  );
}

/** 承認 and 却下 for a request the manager may decide; each opens the queue's decision dialog. */
export function DecisionButtons({ approve, reject, onDecide }: { approve: string; reject: string; onDecide: (mode: "approve" | "reject") => void }) {
  return (
    <div className="flex gap-2">
      <Button size="sm" onClick={() => onDecide("approve")}>
        {approve}
      </Button>
      <Button size="sm" variant="secondary" onClick={() => onDecide("reject")}>
        {reject}
      </Button>
    </div>
  );
}
