"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { BookOpen, Layers, Plus, Sparkles } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { useCan, useOrg } from "@/components/shell/org-context";
import { ResourceListBody, ResourceListToolbar, useResourceListFilters } from "@/components/templates/resource-list";
import { zoneShortName } from "@/components/residency/zone-label";
import { useEndpoints } from "@/lib/client/endpoints/use-endpoints";
import { EndpointStatus } from "@/lib/domain/endpoints-status";
import { formatDateTime, formatRelative, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { EndpointStatusBadge } from "./endpoint-status-badge";

export function EndpointsList() {
  const { slug } = useOrg();
  const canWrite = useCan("endpoints.write");
  const t = useTranslations("endpoints");
  const ta = useTranslations("adapters");
  const locale = useLocale() as Locale;
  const listFilters = useResourceListFilters();
  const list = useEndpoints(slug, listFilters.filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const createButton = canWrite ? (
    <Button asChild>
      <Link href={`/${slug}/endpoints/new`}>
        <Plus className="size-4" aria-hidden />
        {t("create")}
      </Link>
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Button asChild variant="secondary">
              <Link href={`/${slug}/endpoints/models`}>
                <BookOpen className="size-4" aria-hidden />
                {t("catalog")}
              </Link>
            </Button>
            <Button asChild variant="secondary">
              <Link href={`/${slug}/endpoints/adapters`}>
                <Layers className="size-4" aria-hidden />
                {ta("openPage")}
              </Link>
            </Button>
            {createButton}
          </>
        }
      />
      <ResourceListToolbar
        list={listFilters}
        statuses={EndpointStatus.filter((s) => s !== "deleted").map((value) => ({ value, label: t(`status.${value}`) }))}
        allStatusesLabel={t("list.allStatuses")}
        namePlaceholder="chat-"
      />
      <ResourceListBody
        list={listFilters}
        query={list}
        itemCount={items.length}
        noMatchTitle={t("list.emptyFiltered")}
        empty={{ icon: <Sparkles className="size-8" />, title: t("list.emptyTitle"), description: t("list.emptyBody"), action: createButton }}
      >
        <Table>
          <thead>
            <tr>
              <Th>{t("list.name")}</Th>
              <Th>{t("list.status")}</Th>
              <Th>{t("list.zone")}</Th>
              <Th>{t("list.model")}</Th>
              <Th>{t("list.shape")}</Th>
              <Th numeric>{t("list.replicas")}</Th>
              <Th numeric>{t("list.pricePerHour")}</Th>
              <Th>{t("list.createdAt")}</Th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} data-testid="endpoint-row">
                <Td className="font-medium">
                  <Link href={`/${slug}/endpoints/${e.id}`} className="text-brand-700 hover:underline">
                    {e.name}
                  </Link>
                </Td>
                <Td>
                  <EndpointStatusBadge status={e.status} />
                </Td>
                <Td title={e.zoneId}>{zoneShortName(e.zoneId, locale)}</Td>
                <Td className="font-mono text-xs">{e.modelId}</Td>
                <Td className="font-mono text-xs">{e.shapeId}</Td>
                <Td numeric>
                  {e.status === "running" && e.replicas.current === 0 ? t("list.scaledToZero") : t("list.replicasValue", { current: e.replicas.current, min: e.minReplicas, max: e.maxReplicas })}
                </Td>
                <Td numeric>{formatYen(e.price.perHourNow.amount, locale)}</Td>
                <Td className="text-muted" title={formatDateTime(e.createdAt, locale)}>
                  {formatRelative(e.createdAt, locale)}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </ResourceListBody>
    </>
  );
}
