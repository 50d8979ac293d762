"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Boxes, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { useCan, useOrg } from "@/components/shell/org-context";
import { ResourceListBody, ResourceListToolbar, useResourceListFilters } from "@/components/templates/resource-list";
import { zoneShortName } from "@/components/residency/zone-label";
import { useClusters } from "@/lib/client/clusters/use-clusters";
import { formatDateTime, formatNumber, formatRelative, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { ClusterStatusBadge } from "./cluster-status-badge";

const STATUSES = ["queued", "provisioning", "running", "updating", "deleting", "failed", "deleted"] as const;

export function ClustersList() {
  const { slug } = useOrg();
  const canWrite = useCan("clusters.write");
  // Spend follows billing.read (the permission table); the API sends no cost to other roles.
  const seesSpend = useCan("billing.read");
  const t = useTranslations("clusters");
  const locale = useLocale() as Locale;
  const listFilters = useResourceListFilters();
  const { filters } = listFilters;
  const list = useClusters(slug, filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

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
      <ResourceListToolbar list={listFilters} statuses={STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))} allStatusesLabel={t("list.allStatuses")} namePlaceholder="prod-" />
      <ResourceListBody
        list={listFilters}
        query={list}
        itemCount={items.length}
        noMatchTitle={t("list.emptyFiltered")}
        empty={{ icon: <Boxes className="size-8" />, title: t("list.emptyTitle"), description: t("list.emptyBody"), action: createButton }}
      >
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
                <Td title={c.zoneId}>{zoneShortName(c.zoneId, locale)}</Td>
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
      </ResourceListBody>
    </>
  );
}
