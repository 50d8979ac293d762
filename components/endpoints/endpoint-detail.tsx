"use client";
import dynamic from "next/dynamic";
import { useRouter, useSearchParams } from "next/navigation";
import { replaceAddressQuery } from "@/components/ui/address-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmByTyping } from "@/components/ui/confirm-by-typing";
import { TextField } from "@/components/ui/field";
import { CopyValue } from "@/components/templates/copy-value";
import { DetailHeader } from "@/components/templates/detail-header";
import { zoneLabel } from "@/components/residency/zone-label";
import { ResidencyChip } from "@/components/residency/residency-chip";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { cn } from "@/components/ui/cn";
import { useCan, useOrg } from "@/components/shell/org-context";
import { isSettling, useDeleteEndpoint, useEndpoint, useUpdateEndpoint } from "@/lib/client/endpoints/use-endpoints";
import { isApprovalRequest } from "@/lib/client/approvals/use-approval-requests";
import { approvalRequiredBy } from "@/lib/client/approvals/approval-required";
import { HeldOrderFields } from "@/components/approvals/held-order-fields";
import { useHeldOrder } from "@/components/approvals/use-held-order";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { EndpointView } from "@/lib/domain/endpoints";
import { findShape } from "@/lib/domain/catalog/shapes";
import { findZone } from "@/lib/domain/catalog/regions";
import { formatDateTime, formatRelative, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { EndpointKeysPanel } from "./endpoint-keys-panel";
import { EndpointPlayground } from "./endpoint-playground";
import { EndpointStatusBadge, SimulatedBadge } from "./endpoint-status-badge";
import { OperationProgress } from "@/components/operations/operation-progress";
import { useOperationEndToast } from "@/components/operations/use-operation-end-toast";
import { OperationsTable } from "@/components/operations/operations-table";
import { EndpointAdaptersPanel } from "@/components/adapters/endpoint-adapters-panel";
import { AdapterUsageTable } from "@/components/adapters/adapter-usage-table";
import { AutoscalingFields, autoscalingProblems, type AutoscalingDraft } from "./autoscaling-fields";
import { ScalingTimeline } from "./scaling-timeline";

// Charts are the heaviest part of the page: loaded only when the metrics tab opens.
const EndpointMetricsPanel = dynamic(() => import("./endpoint-metrics").then((m) => m.EndpointMetricsPanel), { ssr: false, loading: () => <Skeleton className="h-64 w-full" /> });

const TABS = ["overview", "playground", "adapters", "keys", "metrics"] as const;
type Tab = (typeof TABS)[number];

export function EndpointDetail({ id }: { id: string }) {
  const { slug } = useOrg();
  const t = useTranslations("endpoints");
  const ta = useTranslations("adapters");
  const errorMessage = useErrorMessage();
  const endpoint = useEndpoint(slug, id);
  const params = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as Tab) : "overview";
  useOperationEndToast(slug, endpoint.data?.operation);

  if (endpoint.isLoading) return <Skeleton className="h-40 w-full" />;
  if (endpoint.error || !endpoint.data) {
    return (
      <p role="alert" className="text-sm text-red-800">
        {errorMessage(endpoint.error)}
      </p>
    );
  }
  const e = endpoint.data;
  const selectTab = (next: Tab) => replaceAddressQuery({ tab: next === "overview" ? null : next });

  return (
    <>
      <DetailHeader
        trail={[{ label: t("title"), href: `/${slug}/endpoints` }]}
        title={e.name}
        status={
          <>
            <EndpointStatusBadge status={e.status} />
            {e.simulated ? <SimulatedBadge /> : null}
          </>
        }
        facts={[
          { label: "ID", value: e.id, copy: true },
          { label: t("detail.modelFact"), value: e.modelId },
          { label: t("detail.shapeFact"), value: e.shapeId },
        ]}
        chips={<ResidencyChip resourceId={e.id} zoneId={e.zoneId} />}
      />
      {e.operation && e.operation.status !== "succeeded" ? (
        <Card className="mb-6">
          <CardBody>
            <OperationProgress operation={e.operation} />
          </CardBody>
        </Card>
      ) : null}
      {e.status === "failed" && e.failureReason ? (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("detail.failed", { reason: e.failureReason })}
        </p>
      ) : null}
      <div role="tablist" aria-label={e.name} className="mb-5 flex gap-1 border-b border-line">
        {TABS.map((name) => (
          <button
            key={name}
            role="tab"
            type="button"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            onClick={() => selectTab(name)}
            className={cn("-mb-px border-b-2 px-4 py-2 text-sm font-medium", tab === name ? "border-brand-600 text-brand-700" : "border-transparent text-muted hover:text-ink")}
          >
            {name === "adapters" ? ta("endpoint.tab") : t(`detail.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "overview" ? (
          <>
            <Overview endpoint={e} />
            <Card className="mt-6">
              <CardHeader title={t("detail.history")} />
              <OperationsTable slug={slug} filters={{ targetId: e.id }} live={isSettling(e)} />
            </Card>
          </>
        ) : null}
        {tab === "playground" ? <EndpointPlayground endpoint={e} /> : null}
        {tab === "adapters" ? <EndpointAdaptersPanel endpoint={e} /> : null}
        {tab === "keys" ? <EndpointKeysPanel endpoint={e} /> : null}
        {tab === "metrics" ? (
          <>
            <EndpointMetricsPanel endpoint={e} />
            <AdapterUsageTable slug={slug} endpointId={e.id} />
          </>
        ) : null}
      </div>
    </>
  );
}

function Overview({ endpoint: e }: { endpoint: EndpointView }) {
  const t = useTranslations("endpoints");
  const ta = useTranslations("autoscaling");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const { slug } = useOrg();
  const canWrite = useCan("endpoints.write");
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const update = useUpdateEndpoint(slug, e.id);
  const remove = useDeleteEndpoint(slug, e.id);
  const [deleting, setDeleting] = useState(false);
  const [min, setMin] = useState(e.minReplicas);
  const [max, setMax] = useState(e.maxReplicas);
  const [autoscaling, setAutoscaling] = useState<AutoscalingDraft>(e.autoscaling);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const zone = findZone(e.zoneId);
  // A 稟議 rule that holds a raised replica floor asks for 件名・目的 on the first submit.
  const tApproval = useTranslations("approvals.wizard");
  const held = useHeldOrder(update.error);

  const submitScaling = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { minReplicas: min, maxReplicas: max, autoscaling, ...held.approval },
      {
        onSuccess: (answer) => {
          if (!isApprovalRequest(answer)) return toast.success(t("detail.scalingSubmitted"));
          toast.success(tApproval("submitted", { subject: answer.subject }));
          router.push(`/${slug}/approvals/${answer.id}`);
        },
        onError: (error) => {
          if (!approvalRequiredBy(error)) toast.error(errorMessage(error));
        },
      },
    );
  };

  const facts: Array<[string, React.ReactNode]> = [
    [t("detail.baseUrl"), <CopyValue key="url" value={`${origin}${e.basePath}`} label={t("detail.baseUrlName")} testId="base-url" />],
    [t("detail.model"), <CopyValue key="model" value={e.modelId} label={t("detail.modelName")} />],
    [t("detail.shape"), e.shapeId],
    [t("detail.zone"), zone ? zoneLabel(zone, locale) : e.zoneId],
    [t("detail.replicas"), t("detail.replicasValue", { ready: e.replicas.ready, current: e.replicas.current, min: e.minReplicas, max: e.maxReplicas })],
    [t("detail.autoscaling"), ta("summary", { metric: ta(`metricOption.${e.autoscaling.metric}`), target: e.autoscaling.target, up: e.autoscaling.scaleUpDelaySeconds, down: e.autoscaling.scaleDownDelaySeconds })],
    [t("detail.coldStart"), t("detail.coldStartValue", { seconds: e.coldStartSeconds })],
    [t("detail.priceNow"), t("detail.perHour", { price: formatYen(e.price.perHourNow.amount, locale) })],
    [t("detail.lastRequest"), e.lastRequestAt ? <span title={formatDateTime(e.lastRequestAt, locale)}>{formatRelative(e.lastRequestAt, locale)}</span> : tc("never")],
    [tc("createdAt"), formatDateTime(e.createdAt, locale)],
  ];

  return (
    <div className="space-y-6">
      <Card>
        <CardBody>
          <dl className="grid gap-x-8 gap-y-3 sm:grid-cols-2">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-muted">{label}</dt>
                <dd className="text-sm">{value}</dd>
              </div>
            ))}
          </dl>
        </CardBody>
      </Card>
      {canWrite && e.status !== "deleting" ? (
        <Card>
          <CardHeader title={t("detail.scaling")} description={t("detail.scalingDescription")} />
          <CardBody>
            <form onSubmit={submitScaling} className="grid gap-4 sm:grid-cols-4">
              <TextField label={t("form.minReplicas")} type="number" min={0} max={64} value={min} onChange={(ev) => setMin(Math.max(0, Number(ev.target.value) || 0))} error={update.error && (update.error as { field?: string }).field === "minReplicas" ? errorMessage(update.error) : undefined} />
              <TextField label={t("form.maxReplicas")} type="number" min={1} max={64} value={max} onChange={(ev) => setMax(Math.max(1, Number(ev.target.value) || 1))} />
              <div className="sm:col-span-4">
                <AutoscalingFields value={autoscaling} onChange={setAutoscaling} minReplicas={min} pricePerReplicaHourJpy={findShape(e.shapeId)?.pricePerHourJpy ?? null} coldStartSeconds={e.coldStartSeconds} />
              </div>
              <div className="sm:col-span-4">
                <HeldOrderFields requirement={held.requirement} value={held.text} onChange={held.setText} />
              </div>
              <div className="sm:col-span-4 flex items-center justify-between gap-4">
                {min === 0 ? <p className="text-xs text-muted">{t("form.coldStart", { seconds: e.coldStartSeconds })}</p> : <span />}
                <Button type="submit" disabled={e.status !== "running" || update.isPending || autoscalingProblems(autoscaling).length > 0 || held.waiting}>
                  {held.requirement ? tApproval("submit") : t("detail.saveScaling")}
                </Button>
              </div>
            </form>
          </CardBody>
        </Card>
      ) : null}
      <ScalingTimeline slug={slug} endpointId={e.id} />
      {canWrite && e.status !== "deleting" ? (
        <Card className="border-red-200">
          <CardHeader title={t("detail.danger")} description={t("detail.dangerDescription")} actions={<Button variant="danger" onClick={() => setDeleting(true)}>{t("detail.delete")}</Button>} />
        </Card>
      ) : null}
      <ConfirmByTyping
        open={deleting}
        onOpenChange={setDeleting}
        title={t("detail.deleteTitle", { name: e.name })}
        description={t("detail.deleteDescription")}
        expected={e.name}
        inputLabel={t("detail.deleteInput")}
        confirmLabel={t("detail.delete")}
        cancelLabel={tc("cancel")}
        closeLabel={tc("close")}
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              toast.success(t("detail.deleted"));
              setDeleting(false);
              router.push(`/${slug}/endpoints`);
            },
            onError: (error) => toast.error(errorMessage(error)),
          })
        }
      />
    </div>
  );
}
