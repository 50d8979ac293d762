"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { WizardActions } from "@/components/templates/wizard-actions";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { useToast } from "@/components/ui/toaster";
import { useOrg } from "@/components/shell/org-context";
import { ApiError } from "@/lib/client/api-fetch";
import { isApprovalRequest } from "@/lib/client/approvals/use-approval-requests";
import { HeldOrderFields } from "@/components/approvals/held-order-fields";
import { useHeldOrder } from "@/components/approvals/use-held-order";
import { newIdempotencyKey, useCreateEndpoint, useEndpointPreflight } from "@/lib/client/endpoints/use-endpoints";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { MODELS } from "@/lib/domain/catalog/models";
import { REGIONS } from "@/lib/domain/catalog/regions";
import { AutoscalingFields, autoscalingProblems, DEFAULT_AUTOSCALING_DRAFT, type AutoscalingDraft } from "./autoscaling-fields";
import { DataLocation } from "@/components/residency/data-location";
import { ZoneSelect } from "@/components/residency/zone-select";
import { zoneShortName } from "@/components/residency/zone-label";
import { findShape, HOURS_PER_MONTH } from "@/lib/domain/catalog/shapes";
import type { EndpointPreflight, PreflightProblem } from "@/lib/domain/endpoints";
import { formatNumber, formatUnitYen, formatYen } from "@/lib/i18n/format";
import { formatGpus } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const ZONES = REGIONS.flatMap((r) => r.zones.map((z) => ({ ...z, region: r })));

export function CreateEndpointForm() {
  const { slug } = useOrg();
  const t = useTranslations("endpoints.form");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const search = useSearchParams();
  const initialModel = MODELS.find((m) => m.id === search.get("model")) ?? MODELS[0];

  const [name, setName] = useState("");
  const [modelId, setModelId] = useState(initialModel.id);
  const [shapeId, setShapeId] = useState(initialModel.shapeIds[0]);
  const [zoneId, setZoneId] = useState("jp-tokyo-1a");
  const [minReplicas, setMin] = useState(1);
  const [maxReplicas, setMax] = useState(2);
  const [autoscaling, setAutoscaling] = useState<AutoscalingDraft>(DEFAULT_AUTOSCALING_DRAFT);
  const [idempotencyKey, setIdempotencyKey] = useState(() => newIdempotencyKey());
  const create = useCreateEndpoint(slug);

  const model = MODELS.find((m) => m.id === modelId) ?? MODELS[0];
  useEffect(() => {
    if (!model.shapeIds.includes(shapeId)) setShapeId(model.shapeIds[0]);
  }, [model, shapeId]);

  const draft = useMemo(() => ({ name: name || undefined, modelId, shapeId, zoneId, minReplicas, maxReplicas }), [name, modelId, shapeId, zoneId, minReplicas, maxReplicas]);
  const debounced = useDebounced(draft, 250);
  const preflight = useEndpointPreflight(slug, debounced, true);
  const verdict: EndpointPreflight | undefined = preflight.data;
  const settled = debounced === draft && !preflight.isFetching;

  const problemsFor = (field: string) => (verdict?.problems ?? []).filter((p) => p.field === field);
  const describe = (p: PreflightProblem) => {
    const d = (p.details ?? {}) as Record<string, unknown>;
    switch (p.code) {
      case "shape_unfit":
        return t("problems.shape_unfit", { fits: ((d.fits as string[]) ?? []).join(", ") });
      case "quota_exceeded":
        return t("problems.quota_exceeded", { gpuModel: String(d.gpuModel), limit: Number(d.limit), inUse: Number(d.inUse), requestedAtMin: Number(d.requestedAtMin) });
      case "capacity_unavailable":
        return t("problems.capacity_unavailable", { requested: Number(d.requested), available: Number(d.available) });
      default:
        return t(`problems.${p.code}`);
    }
  };
  const serverError = create.error instanceof ApiError ? create.error : null;
  // A 稟議 rule that holds this order asks for 件名・目的 on the first submit; asked once, the
  // fields stay until the order is sent.
  const tApproval = useTranslations("approvals.wizard");
  const held = useHeldOrder(create.error);
  const fieldError = (field: string) => {
    const local = problemsFor(field);
    if (local.length) return local.map(describe).join(" ");
    if (serverError?.field === field) return errorMessage(serverError);
    return undefined;
  };

  const capacityProblem = problemsFor("zoneId").find((p) => p.code === "capacity_unavailable");
  const quotaProblem = problemsFor("minReplicas").find((p) => p.code === "quota_exceeded");
  const allowedZones = verdict?.allowedZoneIds ?? ZONES.map((z) => z.id);
  const blocked = (verdict?.problems.length ?? 0) > 0 || !name.trim() || autoscalingProblems(autoscaling).length > 0 || held.waiting;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const operation = await create.mutateAsync({
        input: { name: name.trim(), modelId, shapeId, zoneId, minReplicas, maxReplicas, autoscaling, ...held.approval },
        idempotencyKey,
      });
      // A 稟議 rule held it: the request is where it goes on from (the API answered 202 with it).
      if (isApprovalRequest(operation)) return router.push(`/${slug}/approvals/${operation.id}`);
      toast.success(t("created"));
      router.push(`/${slug}/endpoints/${operation.target.id}`);
    } catch {
      setIdempotencyKey(newIdempotencyKey());
    }
  };

  const shape = findShape(shapeId);
  const price = verdict?.price;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form onSubmit={submit} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" noValidate>
        <Card>
          <CardBody className="space-y-5">
            {create.error && !serverError?.field ? (
              <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {errorMessage(create.error)}
              </p>
            ) : null}
            <TextField label={t("name")} hint={t("nameHint")} value={name} onChange={(e) => setName(e.target.value)} error={fieldError("name")} autoComplete="off" spellCheck={false} required maxLength={40} />
            <SelectField label={t("model")} value={modelId} onChange={(e) => setModelId(e.target.value)} error={fieldError("modelId")}>
              {MODELS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.displayName} — {m.parametersB}B · {locale === "ja" ? m.publisherJa : m.publisherEn}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("shape")} hint={t("shapeHint")} value={shapeId} onChange={(e) => setShapeId(e.target.value)} error={fieldError("shapeId")}>
              {model.shapeIds.map((id) => {
                const s = findShape(id);
                return (
                  <option key={id} value={id}>
                    {id} — {t("perShape", { price: formatYen(s?.pricePerHourJpy ?? 0, locale), gpus: formatGpus(s?.gpuCount ?? 0, locale) })}
                  </option>
                );
              })}
            </SelectField>
            <div>
              <ZoneSelect value={zoneId} onChange={setZoneId} allowedZoneIds={new Set(allowedZones)} error={fieldError("zoneId")} />
              {capacityProblem && verdict?.capacity?.availableIn.length ? (
                <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
                  <span className="text-muted">{t("availableIn")}</span>
                  {verdict.capacity.availableIn.map((z) => (
                    <Button key={z.zoneId} size="sm" variant="secondary" onClick={() => setZoneId(z.zoneId)}>
                      {t("useZone", { zone: `${zoneShortName(z.zoneId, locale)} (${formatNumber(z.available, locale)})` })}
                    </Button>
                  ))}
                </div>
              ) : verdict?.capacity ? (
                <p className="mt-1 text-xs text-muted">
                  {t("capacityLine", { zone: zoneShortName(zoneId, locale), available: formatNumber(verdict.capacity.available, locale), level: t(`capacityLevel.${verdict.capacity.level}`) })}
                </p>
              ) : null}
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <div>
                <TextField label={t("minReplicas")} hint={t("minHint")} type="number" min={0} max={64} value={minReplicas} onChange={(e) => setMin(Math.max(0, Number(e.target.value) || 0))} error={fieldError("minReplicas")} />
                {quotaProblem ? (
                  <Link className="mt-1 inline-block text-xs text-brand-700 underline" href={`/${slug}/shapes`}>
                    {t("requestQuota")}
                  </Link>
                ) : null}
              </div>
              <TextField label={t("maxReplicas")} type="number" min={1} max={64} value={maxReplicas} onChange={(e) => setMax(Math.max(1, Number(e.target.value) || 1))} error={fieldError("maxReplicas")} />
            </div>
            {minReplicas === 0 && verdict?.coldStartSeconds ? (
              <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="cold-start-note">
                {t("coldStart", { seconds: verdict.coldStartSeconds })}
              </p>
            ) : null}
            <AutoscalingFields
              value={autoscaling}
              onChange={setAutoscaling}
              minReplicas={minReplicas}
              pricePerReplicaHourJpy={price?.contract && minReplicas > 0 ? price.contract.perHourAtMinJpy / minReplicas : (shape?.pricePerHourJpy ?? null)}
              coldStartSeconds={verdict?.coldStartSeconds ?? null}
            />
            {verdict?.quota ? (
              <p className="text-xs text-muted">
                {t("quotaLine", { ...verdict.quota })}
                {verdict.maxReplicasWithinQuota !== null && verdict.maxReplicasWithinQuota < maxReplicas ? <> {t("quotaCapsMax", { count: verdict.maxReplicasWithinQuota })}</> : null}
              </p>
            ) : null}
            <HeldOrderFields requirement={held.requirement} value={held.text} onChange={held.setText} />
            <div className="border-t border-line pt-4">
              <WizardActions
                cancelHref={`/${slug}/endpoints`}
                submitLabel={create.isPending ? t("submitting") : held.requirement ? tApproval("submit") : t("submit")}
                disabled={blocked || create.isPending}
                status={
                  <>
                    {blocked && verdict && verdict.problems.length > 0 ? <p className="text-sm text-red-700">{t("fixProblems")}</p> : null}
                    {!settled ? <p className="text-xs text-muted" aria-live="polite">{t("checking")}</p> : null}
                  </>
                }
              />
            </div>
          </CardBody>
        </Card>
        <aside aria-label={t("priceTitle")} className="space-y-4 lg:sticky lg:top-4 lg:self-start">
          <DataLocation zoneId={zoneId} gpuModels={[shape?.gpuModel]} />
          <Card>
            <CardHeader title={t("priceTitle")} />
            <CardBody>
              <dl className="space-y-2 text-sm" data-testid="price-panel">
                {[
                  ["perHourAtMin", price?.perHourAtMin.amount ?? (shape?.pricePerHourJpy ?? 0) * minReplicas, price?.contract?.perHourAtMinJpy],
                  ["perHourAtMax", price?.perHourAtMax.amount ?? (shape?.pricePerHourJpy ?? 0) * maxReplicas, price?.contract?.perHourAtMaxJpy],
                  ["perMonthAtMin", price?.perMonthAtMin.amount ?? (shape?.pricePerHourJpy ?? 0) * minReplicas * HOURS_PER_MONTH, price?.contract?.perMonthAtMinJpy],
                  ["perMonthAtMax", price?.perMonthAtMax.amount ?? (shape?.pricePerHourJpy ?? 0) * maxReplicas * HOURS_PER_MONTH, price?.contract?.perMonthAtMaxJpy],
                ].map(([key, list, contract]) => (
                  <div key={key as string} className="flex items-baseline justify-between gap-2">
                    <dt className="text-muted">{t(key as "perHourAtMin")}</dt>
                    {contract === undefined ? (
                      <dd className="tabular font-semibold">{formatYen(list as number, locale)}</dd>
                    ) : (
                      <dd className="tabular text-right">
                        <span className="font-semibold">{formatUnitYen(contract as number, locale)}</span>{" "}
                        <s className="text-xs text-muted">{formatYen(list as number, locale)}</s>
                      </dd>
                    )}
                  </div>
                ))}
              </dl>
              {price?.contract ? (
                <p className="mt-2 text-xs text-brand-700" data-testid="contract-price-note">
                  {t("contractPriceNote", { percent: formatNumber(price.contract.discountPercent, locale, 2) })}
                </p>
              ) : null}
              <p className="mt-3 text-xs text-muted">{t("priceNote")}</p>
            </CardBody>
          </Card>
        </aside>
      </form>
    </>
  );
}
