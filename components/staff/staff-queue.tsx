"use client";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { LoadMoreFooter, type MorePages } from "@/components/ui/load-more-footer";
import { Skeleton } from "@/components/ui/skeleton";
import { Table } from "@/components/ui/table";
import { useErrorMessage } from "@/lib/client/use-error-message";

/**
 * A staff console queue (quota requests, large reservations): its status filter, then the
 * list's loading, error or empty state, or the table with more pages to load. Each queue
 * brings its own columns and rows.
 */
export function StaffQueue<S extends string>({
  statusLabel,
  statuses,
  status,
  onStatusChange,
  query,
  empty,
  head,
  children,
}: {
  statusLabel: string;
  statuses: ReadonlyArray<{ value: S; label: string }>;
  status: S;
  onStatusChange: (status: S) => void;
  query: MorePages & { isLoading: boolean; error: unknown; data?: { pages: Array<{ items: unknown[] }> } };
  empty: ReactNode;
  /** The header row's cells. */
  head: ReactNode;
  /** The rows. */
  children: ReactNode;
}) {
  const errorMessage = useErrorMessage();
  const count = query.data?.pages.reduce((n, page) => n + page.items.length, 0) ?? 0;
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
      ) : count === 0 ? (
        empty
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>{head}</tr>
            </thead>
            <tbody>{children}</tbody>
          </Table>
          <LoadMoreFooter pages={query} />
        </Card>
      )}
    </div>
  );
}
