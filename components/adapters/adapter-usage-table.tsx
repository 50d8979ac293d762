"use client";
import { useLocale, useTranslations } from "next-intl";
import { Card, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useEndpointAdapterUsage } from "@/lib/client/adapters/use-adapters";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

/** The endpoint's requests and tokens per adapter (the base model included) over the last 30 JST days. */
export function AdapterUsageTable({ slug, endpointId }: { slug: string; endpointId: string }) {
  const t = useTranslations("adapters.usage");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const usage = useEndpointAdapterUsage(slug, endpointId, 30);
  return (
    <Card className="mt-6">
      <CardHeader title={t("title")} description={usage.data ? t("description", { from: usage.data.from, to: usage.data.to }) : undefined} />
      {usage.isLoading ? (
        <Skeleton className="m-4 h-16" />
      ) : usage.error || !usage.data ? (
        <p role="alert" className="p-4 text-sm text-red-800">
          {errorMessage(usage.error)}
        </p>
      ) : usage.data.items.length === 0 ? (
        <p className="p-4 text-sm text-muted">{t("empty")}</p>
      ) : (
        <Table aria-label={t("title")}>
          <thead>
            <tr>
              <Th>{t("model")}</Th>
              <Th numeric>{t("requests")}</Th>
              <Th numeric>{t("errors")}</Th>
              <Th numeric>{t("inputTokens")}</Th>
              <Th numeric>{t("outputTokens")}</Th>
            </tr>
          </thead>
          <tbody>
            {usage.data.items.map((r) => (
              <tr key={r.model} data-testid="adapter-usage-row">
                <Td>
                  <code className="font-mono text-xs">{r.model}</code>
                  {r.adapter === null ? <span className="ml-2 text-xs text-muted">{t("base")}</span> : null}
                </Td>
                <Td numeric>{formatNumber(r.requests, locale)}</Td>
                <Td numeric>{formatNumber(r.errors, locale)}</Td>
                <Td numeric>{formatNumber(r.inputTokens, locale)}</Td>
                <Td numeric>{formatNumber(r.outputTokens, locale)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
