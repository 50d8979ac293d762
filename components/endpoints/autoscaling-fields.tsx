"use client";
import { useLocale, useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/ui/field";
import { DEFAULT_AUTOSCALING, EndpointAutoscaling } from "@/lib/domain/control-plane";
import { HOURS_PER_MONTH } from "@/lib/domain/catalog/shapes";
import { AUTOSCALING_METRICS } from "@/lib/domain/endpoints-status";
import { formatYen } from "@/lib/i18n/format";
import { formatQuantity } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";

// The autoscaling settings of an endpoint — what to scale on and its target, the scale-up and
// scale-down delays, the idle period before zero — with what the minimum costs, in the create
// form and on the endpoint page alike. Checked here with the API's own schema, so the form says
// what the API would refuse, in the reader's language, before anything is sent.

export type AutoscalingDraft = EndpointAutoscaling;
export const DEFAULT_AUTOSCALING_DRAFT: AutoscalingDraft = DEFAULT_AUTOSCALING;

type Field = "target" | "scaleUpDelaySeconds" | "scaleDownDelaySeconds" | "scaleToZeroAfterSeconds";

/** The fields the API would refuse, each once. */
export function autoscalingProblems(draft: AutoscalingDraft): Field[] {
  const parsed = EndpointAutoscaling.safeParse(draft);
  if (parsed.success) return [];
  return [...new Set(parsed.error.issues.map((i) => i.path[0] as Field))];
}

export function AutoscalingFields({
  value,
  onChange,
  minReplicas,
  pricePerReplicaHourJpy,
  coldStartSeconds,
}: {
  value: AutoscalingDraft;
  onChange: (next: AutoscalingDraft) => void;
  minReplicas: number;
  /** One replica's hourly price (list, or the org's contract price). */
  pricePerReplicaHourJpy: number | null;
  coldStartSeconds: number | null;
}) {
  const t = useTranslations("autoscaling");
  const locale = useLocale() as Locale;
  const problems = autoscalingProblems(value);
  const error = (field: Field) => (problems.includes(field) ? t(`errors.${field}`) : undefined);
  const set = (field: keyof AutoscalingDraft) => (event: { target: { value: string } }) =>
    onChange({ ...value, [field]: event.target.value === "" ? Number.NaN : Number(event.target.value) });

  const atMin = pricePerReplicaHourJpy === null ? null : pricePerReplicaHourJpy * minReplicas;
  return (
    <fieldset className="space-y-4 rounded-md border border-line p-4" data-testid="autoscaling-fields">
      <legend className="px-1 text-sm font-semibold">{t("title")}</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t("metric")} value={value.metric} onChange={(e) => onChange({ ...value, metric: e.target.value as AutoscalingDraft["metric"] })}>
          {AUTOSCALING_METRICS.map((m) => (
            <option key={m} value={m}>
              {t(`metricOption.${m}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t(`target.${value.metric}`)} type="number" min={1} step="any" value={Number.isNaN(value.target) ? "" : value.target} onChange={set("target")} error={error("target")} />
        <TextField label={t("scaleUpDelay")} hint={t("scaleUpDelayHint")} type="number" min={0} max={600} value={Number.isNaN(value.scaleUpDelaySeconds) ? "" : value.scaleUpDelaySeconds} onChange={set("scaleUpDelaySeconds")} error={error("scaleUpDelaySeconds")} />
        <TextField label={t("scaleDownDelay")} hint={t("scaleDownDelayHint")} type="number" min={0} max={3600} value={Number.isNaN(value.scaleDownDelaySeconds) ? "" : value.scaleDownDelaySeconds} onChange={set("scaleDownDelaySeconds")} error={error("scaleDownDelaySeconds")} />
        <TextField
          label={t("scaleToZeroAfter")}
          hint={t("scaleToZeroAfterHint")}
          type="number"
          min={30}
          max={86400}
          value={Number.isNaN(value.scaleToZeroAfterSeconds) ? "" : value.scaleToZeroAfterSeconds}
          onChange={set("scaleToZeroAfterSeconds")}
          error={error("scaleToZeroAfterSeconds")}
          disabled={minReplicas > 0}
        />
      </div>
      {atMin !== null && pricePerReplicaHourJpy !== null ? (
        <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="autoscaling-price">
          {minReplicas > 0
            ? t("priceAtMin", {
                replicas: formatQuantity(minReplicas, locale, 0),
                pricePerHour: formatYen(pricePerReplicaHourJpy, locale),
                total: formatYen(atMin, locale),
                perMonth: formatYen(Math.round(atMin * HOURS_PER_MONTH), locale),
              })
            : t("priceAtZero", { seconds: formatQuantity(Number.isNaN(value.scaleToZeroAfterSeconds) ? 0 : value.scaleToZeroAfterSeconds, locale, 0), coldStart: formatQuantity(coldStartSeconds ?? 0, locale, 0) })}
        </p>
      ) : null}
    </fieldset>
  );
}
