"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { BookOpen, Layers, Plus, Sparkles } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { LoadMoreFooter } from "@/components/ui/load-more-footer";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useEndpoints } from "@/lib/client/endpoints/use-endpoints";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { EndpointStatus } from "@/lib/domain/endpoints-status";
import { formatDateTime, formatRelative, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { EndpointStatusBadge } from "./endpoint-status-badge";

export function EndpointsList() {
  const { slug } = useOrg();
  const canWrite = useCan("endpoints.write");
  const t = useTranslations("endpoints");
  const ta = useTranslations("adapters");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const status = params.get("status") ?? undefined;
  const list = useEndpoints(slug, { status });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set("status", value);
    else next.delete("status");
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`);
  };

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
      <div className="mb-4 max-w-xs">
        <SelectField label={t("list.filterStatus")} value={status ?? ""} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t("list.allStatuses")}</option>
          {EndpointStatus.filter((s) => s !== "deleted").map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
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
        status ? (
          <EmptyState title={t("list.emptyFiltered")} action={<Button variant="secondary" onClick={() => setStatus("")}>{tc("clearFilters")}</Button>} />
        ) : (
          <EmptyState icon={<Sparkles className="size-8" />} title={t("list.emptyTitle")} description={t("list.emptyBody")} action={createButton} />
        )
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>
                <Th>{t("list.name")}</Th>
                <Th>{t("list.model")}</Th>
                <Th>{t("list.shape")}</Th>
                <Th>{t("list.zone")}</Th>
                <Th>{t("list.status")}</Th>
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
                  <Td className="font-mono text-xs">{e.modelId}</Td>
                  <Td className="font-mono text-xs">{e.shapeId}</Td>
                  <Td>{e.zoneId}</Td>
                  <Td>
                    <EndpointStatusBadge status={e.status} />
                  </Td>
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
          <LoadMoreFooter pages={list} />
        </Card>
      )}
    </>
  );
}
