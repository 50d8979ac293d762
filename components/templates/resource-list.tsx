"use client";
import { useSearchParams } from "next/navigation";
import { replaceAddressQuery } from "@/components/ui/address-query";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { LoadMoreFooter, type MorePages } from "@/components/ui/load-more-footer";
import { TableSkeleton } from "@/components/ui/skeleton";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { REGIONS } from "@/lib/domain/catalog/regions";
import { RESOURCE_LIST_SORTS, type ResourceListSort } from "@/lib/domain/resource-list";
import type { Locale } from "@/lib/i18n/locales";

// The one list template of the console's resources (clusters, endpoints, and what comes next):
// a toolbar (name search, status, region, sort) whose values live in the URL — so a filtered
// list can be bookmarked, shared and reloaded — and the same loading, error, empty and no-match
// states around the table. The API takes the same words (lib/domain/resource-list.ts).

export interface ResourceListFilters {
  q?: string;
  status?: string;
  regionId?: string;
  sort?: ResourceListSort;
}

// URL parameter of each filter ("region" reads better in an address than "regionId").
const PARAMS = { q: "q", status: "status", regionId: "region", sort: "sort" } as const satisfies Record<keyof ResourceListFilters, string>;
const DEFAULT_SORT: ResourceListSort = "created_desc";

/**
 * The filters in the URL, a setter that keeps the others, and whether any narrows the list.
 * The server does not read them: a change rewrites the address at once (address-query.ts).
 */
export function useResourceListFilters() {
  const params = useSearchParams();
  const sort = params.get(PARAMS.sort);
  const filters: ResourceListFilters = {
    q: params.get(PARAMS.q) || undefined,
    status: params.get(PARAMS.status) || undefined,
    regionId: params.get(PARAMS.regionId) || undefined,
    sort: RESOURCE_LIST_SORTS.find((s) => s === sort),
  };
  // The default sort is no filter: it stays out of the address.
  const set = (key: keyof ResourceListFilters, value: string) => replaceAddressQuery({ [PARAMS[key]]: key === "sort" && value === DEFAULT_SORT ? null : value });
  const clear = () => replaceAddressQuery(Object.fromEntries(Object.values(PARAMS).map((name) => [name, null])));
  return { filters, set, clear, narrowed: Boolean(filters.q || filters.status || filters.regionId) };
}

type Filters = ReturnType<typeof useResourceListFilters>;

/** Search, status, region and sort, in this order, on every resource list. */
export function ResourceListToolbar({ list, statuses, allStatusesLabel, namePlaceholder }: { list: Filters; statuses: Array<{ value: string; label: string }>; allStatusesLabel: string; namePlaceholder: string }) {
  const t = useTranslations("templates.listToolbar");
  const locale = useLocale() as Locale;
  const { filters, set } = list;
  return (
    <div className="mb-4 grid gap-3 sm:grid-cols-4" role="search" aria-label={t("label")}>
      <TextField label={t("search")} type="search" value={filters.q ?? ""} onChange={(e) => set("q", e.target.value.trim())} placeholder={namePlaceholder} />
      <SelectField label={t("status")} value={filters.status ?? ""} onChange={(e) => set("status", e.target.value)}>
        <option value="">{allStatusesLabel}</option>
        {statuses.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("region")} value={filters.regionId ?? ""} onChange={(e) => set("regionId", e.target.value)}>
        <option value="">{t("allRegions")}</option>
        {REGIONS.map((r) => (
          <option key={r.id} value={r.id}>
            {locale === "ja" ? r.nameJa : r.nameEn}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("sort")} value={filters.sort ?? DEFAULT_SORT} onChange={(e) => set("sort", e.target.value)}>
        {RESOURCE_LIST_SORTS.map((s) => (
          <option key={s} value={s}>
            {t(`sorts.${s}`)}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/**
 * The states around a resource table: loading, an error, nothing yet (what this place is for and
 * the create button), nothing matching (and a way to clear the filters), or the table itself.
 */
export function ResourceListBody({
  list,
  query,
  itemCount,
  empty,
  noMatchTitle,
  children,
}: {
  list: Filters;
  query: MorePages & { isLoading: boolean; error: unknown };
  itemCount: number;
  empty: { icon: ReactNode; title: string; description: string; action: ReactNode };
  noMatchTitle: string;
  children: ReactNode;
}) {
  const tc = useTranslations("common");
  const errorMessage = useErrorMessage();
  if (query.isLoading) return <TableSkeleton />;
  if (query.error)
    return (
      <p role="alert" className="text-sm text-red-800">
        {errorMessage(query.error)}
      </p>
    );
  if (itemCount === 0)
    return list.narrowed ? (
      <EmptyState
        title={noMatchTitle}
        action={
          <Button variant="secondary" onClick={list.clear}>
            {tc("clearFilters")}
          </Button>
        }
      />
    ) : (
      <EmptyState icon={empty.icon} title={empty.title} description={empty.description} action={empty.action} />
    );
  return (
    <Card>
      {children}
      <LoadMoreFooter pages={query} />
    </Card>
  );
}
