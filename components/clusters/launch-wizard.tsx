"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { WizardActions } from "@/components/templates/wizard-actions";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { useToast } from "@/components/ui/toaster";
import { useOrg } from "@/components/shell/org-context";
import { ApiError, newIdempotencyKey } from "@/lib/client/api-fetch";
import { useClusterPreflight, useLaunchCluster } from "@/lib/client/clusters/use-clusters";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { KUBERNETES_VERSIONS } from "@/lib/domain/catalog/kubernetes";
import { ZONES } from "@/lib/domain/catalog/regions";
import { SHAPES } from "@/lib/domain/catalog/shapes";
import type { CreateClusterDraft, PreflightIssue } from "@/lib/domain/clusters";
import { formatYen } from "@/lib/i18n/format";
import { formatGpus } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";
import { useQuotas } from "@/lib/client/catalog/use-quotas";
import { defaultLaunchShape, launchableAlternatives, quotaShortfall } from "@/lib/domain/launch-options";
import { DataLocation } from "@/components/residency/data-location";
import { ZoneSelect } from "@/components/residency/zone-select";
import { PriceSummary } from "./price-summary";
import { ReservationChoice } from "./reservation-choice";
import { QueueChoice, queueRequestOf, type QueueChoiceValue } from "./queue-choice";
import { QuotaWayOut, quotaRequestHref } from "./quota-way-out";
import { useIssueText } from "./issue-text";
import { LaunchApprovalFields, type ApprovalFieldsValue } from "@/components/approvals/launch-approval-fields";
import { isApprovalRequest } from "@/lib/client/approvals/use-approval-requests";
import { NVL72_TRAYS_PER_RACK } from "@/lib/domain/catalog/shapes";

interface PoolForm {
  key: number;
  name: string;
  shapeId: string;
  count: number;
  autoscaling: boolean;
  min: number;
  max: number;
  labels: string;
  taints: string;
  wholeRacks: boolean;
  /** "" = on-demand; otherwise the reservation the pool draws on. */
  reservationId: string;
}

const newPool = (key: number, name: string, shapeId = "h100-8x", count = 1): PoolForm => ({ key, name, shapeId, count, autoscaling: false, min: 1, max: count, labels: "", taints: "", wholeRacks: false, reservationId: "" });

/** "a=b, c=d" → { a: "b", c: "d" } */
function parseLabels(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((pair) => {
        const [k, ...v] = pair.split("=");
        return [k.trim(), v.join("=").trim()];
      }),
  );
}

/** "key=value:NoSchedule, other:NoExecute" */
function parseTaints(text: string) {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const [kv, effect = "NoSchedule"] = item.split(":");
      const [key, value] = kv.split("=");
      return { key: key.trim(), ...(value ? { value: value.trim() } : {}), effect: effect.trim() as "NoSchedule" | "PreferNoSchedule" | "NoExecute" };
    });
}

/** `offerings`: the regions each shape is offered in (from the catalog, rendered on the server). */
export function LaunchWizard({ offerings, initialShapeId, initialZoneId }: { offerings: Record<string, string[]>; initialShapeId?: string; initialZoneId?: string }) {
  const { slug } = useOrg();
  const t = useTranslations("clusters");
  const ta = useTranslations("approvals");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const issueText = useIssueText();
  const launch = useLaunchCluster(slug);
  const intent = useRef<string | null>(null);
  const nextKey = useRef(2);

  const [name, setName] = useState("");
  const [zoneId, setZoneId] = useState(() => {
    const asked = ZONES.find((z) => z.id === initialZoneId);
    if (asked) return asked.id;
    // A shape chosen on the shapes page opens in a zone that offers it.
    const regionOfShape = initialShapeId ? offerings[initialShapeId]?.[0] : undefined;
    return ZONES.find((z) => z.regionId === regionOfShape)?.id ?? "jp-tokyo-1a";
  });
  const [version, setVersion] = useState<string>(KUBERNETES_VERSIONS[0]);
  const [controlPlane, setControlPlane] = useState<"single" | "ha">("single");
  const askedShape = SHAPES.some((s) => s.id === initialShapeId) ? initialShapeId : undefined;
  const [pools, setPools] = useState<PoolForm[]>([newPool(1, "gpu", askedShape)]);
  // Until the person picks a shape themselves, the first pool follows what this org can launch.
  const shapeTouched = useRef(askedShape !== undefined);
  const quotas = useQuotas(slug);
  const regionId = ZONES.find((z) => z.id === zoneId)?.regionId ?? "jp-tokyo-1";
  const offeredIn = (shapeId: string) => offerings[shapeId] ?? [];
  useEffect(() => {
    if (shapeTouched.current || !quotas.data) return;
    const shapeId = defaultLaunchShape(SHAPES, (id) => offerings[id] ?? [], regionId, quotas.data);
    setPools((list) => (list[0] && list[0].shapeId !== shapeId ? [{ ...list[0], shapeId }, ...list.slice(1)] : list));
  }, [quotas.data, regionId, offerings]);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [queueChoice, setQueueChoice] = useState<QueueChoiceValue>({ wait: false, deadline: "" });
  const [held, setHeld] = useState<ApprovalFieldsValue>({ costCenterId: "", poNumber: "", subject: "", purpose: "" });

  const draft: CreateClusterDraft = useMemo(
    () => ({
      name,
      zoneId,
      kubernetesVersion: version as CreateClusterDraft["kubernetesVersion"],
      controlPlane,
      nodePools: pools.map((p) => ({
        name: p.name,
        shapeId: p.shapeId,
        count: p.count,
        autoscaling: p.autoscaling && !p.wholeRacks ? { min: p.min, max: p.max } : null,
        labels: parseLabels(p.labels),
        taints: parseTaints(p.taints),
        topology: p.wholeRacks ? "rack" : null,
        reservationId: p.reservationId || null,
      })),
      costCenterId: held.costCenterId || null,
      poNumber: held.poNumber.trim() || null,
    }),
    [name, zoneId, version, controlPlane, pools, held.costCenterId, held.poNumber],
  );
  const queue = queueRequestOf(queueChoice);
  // The preflight follows the form a quarter second behind the last keystroke.
  const [deferred, setDeferred] = useState(draft);
  useEffect(() => {
    const timer = setTimeout(() => setDeferred(draft), 250);
    return () => clearTimeout(timer);
  }, [draft]);
  const preflight = useClusterPreflight(slug, {
    name: deferred.name || undefined,
    zoneId: deferred.zoneId,
    kubernetesVersion: deferred.kubernetesVersion,
    controlPlane: deferred.controlPlane,
    nodePools: deferred.nodePools.map((p) => ({ name: p.name, shapeId: p.shapeId, count: p.count, autoscaling: p.autoscaling, topology: p.topology, reservationId: p.reservationId })),
  });
  const issues = preflight.data?.issues ?? [];
  // A 稟議 rule applies to this order's estimate: it will wait for approval, with 件名 and 目的.
  const approvalRule = preflight.data?.approval ?? null;
  const allowed = new Set(preflight.data?.allowedZoneIds ?? ZONES.map((z) => z.id));

  const fieldIssue = (field: string): string | undefined => {
    if (serverError?.field === field) return errorMessage(serverError);
    const issue: PreflightIssue | undefined = issues.find((i) => i.field === field && (field !== "name" || name !== "" || i.code !== "required"));
    return issue ? issueText(issue) : undefined;
  };
  const poolIssue = (index: number, key: string) => fieldIssue(`nodePools.${index}.${key}`);

  const update = (key: number, change: Partial<PoolForm>) => {
    setServerError(null);
    intent.current = null;
    setPools((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  };
  const touch = <T,>(setter: (v: T) => void) => (v: T) => {
    setServerError(null);
    intent.current = null;
    setter(v);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // One key per intent: a double click or a retry of this same form never launches two.
    intent.current ??= newIdempotencyKey();
    try {
      const base = queue && onlyCapacityShort ? { ...draft, queue } : draft;
      const input = approvalRule ? { ...base, approval: { subject: held.subject, purpose: held.purpose } } : base;
      const answer = await launch.mutateAsync({ input, idempotencyKey: intent.current });
      if (isApprovalRequest(answer)) {
        toast.success(ta("wizard.submitted", { subject: answer.subject }));
        router.push(`/${slug}/approvals/${answer.id}`);
        return;
      }
      toast.success(answer.status === "queued" ? t("queue.queuedToast", { name }) : t("wizard.launched", { name }));
      router.push(`/${slug}/clusters/${answer.target.id}`);
    } catch (error) {
      intent.current = null;
      setServerError(error instanceof ApiError ? error : null);
      toast.error(errorMessage(error));
    }
  };

  const blocking = issues.filter((i) => !(i.code === "required" && i.field === "name" && name === ""));
  // Only capacity is short: the person may choose to wait for it (空き待ち) instead of being refused.
  const onlyCapacityShort = blocking.length > 0 && blocking.every((i) => i.code === "capacity_unavailable");
  const waits = onlyCapacityShort && queueChoice.wait;
  const approvalReady = !approvalRule || (held.subject.trim() !== "" && held.purpose.trim() !== "");
  const canSubmit = name !== "" && pools.length > 0 && (preflight.data ? preflight.data.ok || waits : true) && approvalReady && !launch.isPending;

  return (
    <>
      <PageHeader title={t("wizard.title")} description={t("wizard.description")} />
      <form onSubmit={submit} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]" noValidate>
        <div className="space-y-6">
          <Card>
            <CardHeader title={t("wizard.basics")} />
            <CardBody className="grid gap-4 sm:grid-cols-2">
              <TextField label={t("wizard.name")} hint={t("wizard.nameHint")} value={name} onChange={(e) => touch(setName)(e.target.value)} error={fieldIssue("name")} autoComplete="off" required maxLength={40} />
              <ZoneSelect value={zoneId} onChange={touch(setZoneId)} allowedZoneIds={allowed} error={fieldIssue("zoneId")} />
              <SelectField label={t("wizard.version")} value={version} onChange={(e) => touch(setVersion)(e.target.value)} error={fieldIssue("kubernetesVersion")}>
                {KUBERNETES_VERSIONS.map((v) => (
                  <option key={v} value={v}>
                    Kubernetes {v}
                  </option>
                ))}
              </SelectField>
              <SelectField label={t("wizard.controlPlane")} value={controlPlane} onChange={(e) => touch(setControlPlane)(e.target.value as "single" | "ha")}>
                <option value="single">{t("wizard.controlPlaneSingle", { price: formatYen(20, locale) })}</option>
                <option value="ha">{t("wizard.controlPlaneHa", { price: formatYen(60, locale) })}</option>
              </SelectField>
            </CardBody>
          </Card>

          {pools.map((pool, index) => {
            const shape = SHAPES.find((s) => s.id === pool.shapeId);
            const check = preflight.data?.pools.find((c) => c.index === index);
            return (
              <Card key={pool.key} data-testid="pool-form">
                <CardHeader
                  title={t("wizard.poolTitle", { n: index + 1 })}
                  description={check && check.available !== null ? t("wizard.capacityHere", { available: check.available, unit: t(`units.${check.unit ?? "node"}`) }) : undefined}
                  actions={
                    pools.length > 1 ? (
                      <Button variant="ghost" size="sm" onClick={() => setPools((l) => l.filter((p) => p.key !== pool.key))} aria-label={t("wizard.removePool", { n: index + 1 })}>
                        <Trash2 className="size-4" aria-hidden />
                      </Button>
                    ) : null
                  }
                />
                <CardBody className="grid gap-4 sm:grid-cols-3">
                  <TextField label={t("wizard.poolName")} value={pool.name} onChange={(e) => update(pool.key, { name: e.target.value })} error={poolIssue(index, "name")} autoComplete="off" />
                  <SelectField label={t("wizard.shape")} value={pool.shapeId} onChange={(e) => {
                      shapeTouched.current = true;
                      update(pool.key, { shapeId: e.target.value, wholeRacks: false, reservationId: "" });
                    }} error={poolIssue(index, "shapeId")}>
                    {SHAPES.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.id} — {s.gpuModel ? `${s.gpuModel}×${s.gpuCount}` : `${s.vcpu} vCPU`} — {t("wizard.perHour", { price: formatYen(s.pricePerHourJpy, locale) })}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    label={t("wizard.count")}
                    type="number"
                    min={0}
                    max={512}
                    value={String(pool.count)}
                    onChange={(e) => update(pool.key, { count: Math.max(0, Number(e.target.value) || 0) })}
                    error={poolIssue(index, "count")}
                    hint={shape ? t("wizard.countHint", { gpus: formatGpus(shape.gpuCount * pool.count, locale), price: formatYen(shape.pricePerHourJpy * pool.count, locale) }) : undefined}
                  />
                  <ReservationChoice slug={slug} zoneId={zoneId} shapeId={pool.shapeId} value={pool.reservationId} onChange={(reservationId) => update(pool.key, { reservationId })} error={poolIssue(index, "reservationId")} />
                  {shape?.rackScale ? (
                    <label className="flex items-center gap-2 text-sm sm:col-span-3">
                      <input type="checkbox" checked={pool.wholeRacks} onChange={(e) => update(pool.key, { wholeRacks: e.target.checked, count: e.target.checked ? Math.max(NVL72_TRAYS_PER_RACK, Math.ceil(pool.count / NVL72_TRAYS_PER_RACK) * NVL72_TRAYS_PER_RACK) : pool.count })} />
                      {t("wizard.wholeRacks")}
                    </label>
                  ) : null}
                  {!pool.wholeRacks ? (
                    <label className="flex items-center gap-2 text-sm sm:col-span-3">
                      <input type="checkbox" checked={pool.autoscaling} onChange={(e) => update(pool.key, { autoscaling: e.target.checked, min: Math.min(pool.min, pool.count), max: Math.max(pool.max, pool.count) })} />
                      {t("wizard.autoscaling")}
                    </label>
                  ) : null}
                  {pool.autoscaling && !pool.wholeRacks ? (
                    <>
                      <TextField label={t("wizard.min")} type="number" min={0} value={String(pool.min)} onChange={(e) => update(pool.key, { min: Math.max(0, Number(e.target.value) || 0) })} error={poolIssue(index, "autoscaling.min") ?? poolIssue(index, "autoscaling")} />
                      <TextField label={t("wizard.max")} type="number" min={1} value={String(pool.max)} onChange={(e) => update(pool.key, { max: Math.max(1, Number(e.target.value) || 1) })} error={poolIssue(index, "autoscaling.max")} />
                      <span />
                    </>
                  ) : null}
                  <TextField className="sm:col-span-3" label={t("wizard.labels")} hint={t("wizard.labelsHint")} value={pool.labels} onChange={(e) => update(pool.key, { labels: e.target.value })} error={Object.keys(draft.nodePools[index]?.labels ?? {}).length ? poolIssue(index, "labels") : undefined} />
                  <TextField className="sm:col-span-3" label={t("wizard.taints")} hint={t("wizard.taintsHint")} value={pool.taints} onChange={(e) => update(pool.key, { taints: e.target.value })} error={poolIssue(index, "taints")} />
                  {shape?.gpuModel ? (
                    <QuotaWayOut
                      className="sm:col-span-3"
                      slug={slug}
                      regionId={regionId}
                      shape={shape}
                      quota={preflight.data?.quota.find((q) => q.gpuModel === shape.gpuModel)}
                      alternatives={quotas.data ? launchableAlternatives(SHAPES, offeredIn, shape, pool.count, regionId, quotas.data) : []}
                      onSwitch={(shapeId) => {
                        shapeTouched.current = true;
                        update(pool.key, { shapeId, wholeRacks: false });
                      }}
                    />
                  ) : null}
                </CardBody>
              </Card>
            );
          })}
          <LaunchApprovalFields
            approval={approvalRule}
            value={held}
            onChange={(change) => {
              setServerError(null);
              intent.current = null;
              setHeld((v) => ({ ...v, ...change }));
            }}
            errorOf={(field) => (serverError?.field === field ? errorMessage(serverError) : undefined)}
          />
          <Button
            variant="secondary"
            onClick={() => {
              const key = nextKey.current++;
              setPools((l) => [...l, newPool(key, l.some((p) => p.name === "system") ? `pool-${key}` : "system", "cpu-16", 2)]);
            }}
            disabled={pools.length >= 16}
          >
            <Plus className="size-4" aria-hidden />
            {t("wizard.addPool")}
          </Button>
        </div>

        <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
          <DataLocation zoneId={zoneId} gpuModels={pools.map((p) => SHAPES.find((s) => s.id === p.shapeId)?.gpuModel)} />
          <PriceSummary preflight={preflight.data} loading={preflight.isFetching} poolNames={pools.map((p) => p.name)} />
          {blocking.length > 0 && name !== "" ? (
            <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <p className="font-medium">{t("wizard.cannotLaunch")}</p>
              <ul className="mt-1 list-disc pl-5">
                {blocking.slice(0, 4).map((i) => (
                  <li key={`${i.field}-${i.code}`}>{issueText(i)}</li>
                ))}
              </ul>
              {(preflight.data?.quota ?? [])
                .filter((q) => !q.fits)
                .map((q) => (
                  <Link key={q.gpuModel} href={quotaRequestHref(slug, q.regionId, q.gpuModel, q.inUse + q.requested)} className="mt-1 block text-brand-700 underline">
                    {t("wizard.requestQuotaFor", { model: q.gpuModel, more: quotaShortfall(q) })}
                  </Link>
                ))}
            </div>
          ) : null}
          {onlyCapacityShort && name !== "" ? <QueueChoice value={queueChoice} onChange={touch(setQueueChoice)} error={serverError?.field === "queue.deadline" ? errorMessage(serverError) : undefined} /> : null}
          {serverError && !serverError.field ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {errorMessage(serverError)}
            </p>
          ) : null}
          <WizardActions cancelHref={`/${slug}/clusters`} submitLabel={launch.isPending ? t("wizard.launching") : approvalRule ? ta("wizard.submit") : waits ? t("queue.submit") : t("wizard.launch")} disabled={!canSubmit} />
        </aside>
      </form>
    </>
  );
}
