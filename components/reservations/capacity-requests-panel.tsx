"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useCancelCapacityRequest, useCapacityRequests, useCreateCapacityRequest } from "@/lib/client/reservations/use-capacity-requests";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { SHAPES } from "@/lib/domain/catalog/shapes";
import { ZONES } from "@/lib/domain/catalog/regions";
import type { CapacityRequest } from "@/lib/domain/reservations/capacity-queue";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// 「空き待ち」: "notify me" for a shape and zone. Each request shows its place in its zone's line
// (all customers, by arrival) and an estimated start with what the estimate rests on.

function Estimate({ request }: { request: CapacityRequest }) {
  const t = useTranslations("reservations.queue");
  const locale = useLocale() as Locale;
  if (request.state !== "waiting" || !request.estimateBasis) return <span className="text-muted">—</span>;
  const b = request.estimateBasis;
  return (
    <div>
      <div>{request.estimatedStartAt ? formatDateTime(request.estimatedStartAt, locale) : t("noEstimate")}</div>
      <div className="text-xs text-muted">{t("basis", { available: b.availableNow, ahead: b.aheadInQueue, known: b.knownReleases, rate: b.observedReleasesPerHour })}</div>
    </div>
  );
}

export function CapacityRequestsPanel() {
  const { slug } = useOrg();
  const t = useTranslations("reservations.queue");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const canAsk = useCan("clusters.write");
  const list = useCapacityRequests(slug);
  const create = useCreateCapacityRequest(slug);
  const cancel = useCancelCapacityRequest(slug);
  const [shapeId, setShapeId] = useState("h100-8x");
  const [zoneId, setZoneId] = useState("jp-tokyo-1a");
  const [count, setCount] = useState(1);

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody className="space-y-4">
        {canAsk ? (
          <form
            className="grid items-end gap-3 md:grid-cols-4"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate({ shapeId, zoneId, count }, { onSuccess: () => toast.success(t("created")), onError: (error) => toast.error(errorMessage(error)) });
            }}
          >
            <SelectField label={t("shape")} value={shapeId} onChange={(e) => setShapeId(e.target.value)}>
              {SHAPES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("zone")} value={zoneId} onChange={(e) => setZoneId(e.target.value)}>
              {ZONES.map((z) => (
                <option key={z.id} value={z.id}>
                  {z.id}
                </option>
              ))}
            </SelectField>
            <TextField label={t("count")} type="number" min={1} value={count} onChange={(e) => setCount(Number(e.target.value))} />
            <Button type="submit" disabled={create.isPending || !Number.isInteger(count) || count < 1}>
              {t("notifyMe")}
            </Button>
          </form>
        ) : null}
        {list.data && list.data.length > 0 ? (
          <Table>
            <thead>
              <tr>
                <Th>{t("request")}</Th>
                <Th>{t("state")}</Th>
                <Th numeric>{t("position")}</Th>
                <Th>{t("estimate")}</Th>
                <Th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  <Td>
                    {t("summary", { shape: r.shapeId, count: r.count, zone: r.zoneId })}
                    <div className="text-xs text-muted">{formatDateTime(r.createdAt, locale)}</div>
                  </Td>
                  <Td>
                    <Badge tone={r.state === "waiting" ? "info" : r.state === "notified" ? "success" : "neutral"}>{t(`states.${r.state}`)}</Badge>
                  </Td>
                  <Td numeric>{r.position ?? "—"}</Td>
                  <Td>
                    <Estimate request={r} />
                  </Td>
                  <Td>
                    {canAsk && r.state === "waiting" ? (
                      <Button variant="ghost" size="sm" onClick={() => cancel.mutate(r.id, { onError: (error) => toast.error(errorMessage(error)) })}>
                        {t("cancel")}
                      </Button>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : list.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(list.error)}
          </p>
        ) : (
          <p className="text-sm text-muted">{t("empty")}</p>
        )}
      </CardBody>
    </Card>
  );
}
