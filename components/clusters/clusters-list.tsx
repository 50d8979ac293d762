"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Boxes, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { LoadMoreFooter } from "@/components/ui/load-more-footer";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useClusters } from "@/lib/client/clusters/use-clusters";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { REGIONS } from "@/lib/domain/catalog/regions";
import { formatDateTime, formatNumber, formatRelative, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { ClusterStatusBadge } from "./cluster-status-badge";

const STATUSES = ["queued", "provisioning", "running", "updating", "deleting", "failed", "deleted"] as const;
const SORTS = ["created_desc", "created_asc", "name_asc", "name_desc"] as const;

export function ClustersList() {
  const { slug } = useOrg();
  const canWrite = useCan("clusters.write");
  // Spend follows billing.read (the permission table); the API sends no cost to other roles.
  const seesSpend = useCan("billing.read");
  const t = useTranslations("clusters");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = { status: params.get("status") ?? undefined, regionId: params.get("region") ?? undefined, q: params.get("q") ?? undefined, sort: params.get("sort") ?? undefined };
  const list = useClusters(slug, filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.status || filters.regionId || filters.q);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`);
  };

  const createButton = canWrite ? (
    <Button asChild>
      <Link href={`/${slug}/clusters/new`}>
        <Plus className="size-4" aria-hidden />
        {t("create")}
      </Link>
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={createButton} />
      <div className="mb-4 grid gap-3 sm:grid-cols-4">
        <TextField label={t("list.search")} value={filters.q ?? ""} onChange={(e) => setParam("q", e.target.value.trim())} placeholder="prod-" />
        <SelectField label={t("list.filterStatus")} value={filters.status ?? ""} onChange={(e) => setParam("status", e.target.value)}>
          <option value="">{t("list.allStatuses")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("list.filterRegion")} value={filters.regionId ?? ""} onChange={(e) => setParam("region", e.target.value)}>
          <option value="">{t("list.allRegions")}</option>
          {REGIONS.map((r) => (
            <option key={r.id} value={r.id}>
              {locale === "ja" ? r.nameJa : r.nameEn}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("list.sort")} value={filters.sort ?? "created_desc"} onChange={(e) => setParam("sort", e.target.value === "created_desc" ? "" : e.target.value)}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`list.sorts.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {list.isLoading ? (
        <TableSkeleton />
      ) : list.error ? (
        <p role="alert" className="text-sm text-red-800">
          {errorMessage(list.error)}
        </p>
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState title={t("list.emptyFiltered")} action={<Button variant="secondary" onClick={() => router.replace(pathname)}>{tc("clearFilters")}</Button>} />
        ) : (
          <EmptyState icon={<Boxes className="size-8" />} title={t("list.emptyTitle")} description={t("list.emptyBody")} action={createButton} />
        )
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>
                <Th>{t("list.name")}</Th>
                <Th>{t("list.status")}</Th>
                <Th>{t("list.zone")}</Th>
                <Th>{t("list.version")}</Th>
                <Th numeric>{t("list.gpus")}</Th>
                <Th numeric>{t("list.pricePerHour")}</Th>
                {seesSpend ? <Th numeric>{t("list.costThisMonth")}</Th> : null}
                <Th>{t("list.createdAt")}</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} data-testid="cluster-row">
                  <Td className="font-medium">
                    <Link href={`/${slug}/clusters/${c.id}`} className="text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                  </Td>
                  <Td>
                    <div className="flex items-center gap-2">
                      <ClusterStatusBadge status={c.status} />
                      {c.activeOperation ? <span className="tabular text-xs text-muted">{c.activeOperation.progress}%</span> : null}
                    </div>
                  </Td>
                  <Td>{c.zoneId}</Td>
                  <Td className="tabular">{c.kubernetesVersion}</Td>
                  <Td numeric>
                    {formatNumber(c.gpuCount, locale)}
                    {c.gpuModels.length ? <span className="ml-1 text-xs text-muted">{c.gpuModels.join("/")}</span> : null}
                  </Td>
                  <Td numeric>{formatYen(c.pricePerHour.amount, locale)}</Td>
                  {seesSpend ? (
                    <Td numeric title={c.costThisMonth ? t(`list.costSource.${c.costThisMonth.source}`) : undefined}>
                      {c.costThisMonth ? formatYen(c.costThisMonth.amount, locale) : "—"}
                      {c.costThisMonth?.source === "estimated" ? <span className="ml-1 text-xs text-muted">{t("list.estimated")}</span> : null}
                    </Td>
                  ) : null}
                  <Td className="text-muted" title={formatDateTime(c.createdAt, locale)}>
                    {formatRelative(c.createdAt, locale)}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMoreFooter pages={list} />
        </Card>
      )}
    </>
  );
}
