"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { useOrg } from "@/components/shell/org-context";
import { useQueuedOrders } from "@/lib/client/operations/use-queued-orders";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { useOperationWords } from "./use-operation-words";

// The org's orders waiting for capacity (空き待ち): each with its place in its zone's line and its
// estimated start; the basis is on the resource's own page.

export function QueuedOrdersCard() {
  const { slug } = useOrg();
  const t = useTranslations("clusters.queue");
  const words = useOperationWords();
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const list = useQueuedOrders(slug);
  return (
    <Card>
      <CardHeader title={t("listTitle")} description={t("listDescription")} />
      <CardBody>
        {list.data && list.data.length > 0 ? (
          <Table>
            <thead>
              <tr>
                <Th>{t("order")}</Th>
                <Th>{t("waitsFor")}</Th>
                <Th numeric>{t("position")}</Th>
                <Th>{t("estimate")}</Th>
                <Th>{t("deadline")}</Th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((o) => (
                <tr key={o.operationId} data-testid="queued-order-row">
                  <Td>
                    <Link className="text-brand-700 underline" href={`/${slug}/clusters/${o.target.id}`}>
                      {o.target.name ?? o.target.id}
                    </Link>
                    <div className="text-xs text-muted">{words.kind(o.kind)}</div>
                  </Td>
                  <Td>{o.demands.map((d) => t("demand", { shape: d.shapeId, count: d.additional, zone: o.zoneId })).join("、")}</Td>
                  <Td numeric>{o.position}</Td>
                  <Td>{o.estimatedStartAt ? formatDateTime(o.estimatedStartAt, locale) : t("noEstimate")}</Td>
                  <Td>{o.deadline ? formatDateTime(o.deadline, locale) : t("noDeadline")}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : list.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(list.error)}
          </p>
        ) : (
          <p className="text-sm text-muted">{t("listEmpty")}</p>
        )}
      </CardBody>
    </Card>
  );
}
