"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { ApiError, newIdempotencyKey } from "@/lib/client/api-fetch";
import { useCreateQuotaRequest } from "@/lib/client/catalog/use-create-quota-request";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { GpuModel } from "@/lib/domain/catalog";
import type { RegionView } from "@/lib/domain/catalog-api";
import { DEFAULT_GPU_QUOTA } from "@/lib/domain/quota-defaults";
import type { QuotaLine } from "@/lib/domain/quotas";
import type { Locale } from "@/lib/i18n/locales";

export interface QuotaRequestTarget {
  regionId: string;
  gpuModel: GpuModel;
  /** The new limit asked for, when the request comes from a refusal that knows what is missing. */
  requestedGpus?: number;
}

type Field = "regionId" | "gpuModel" | "requestedGpus" | "reason";

/** Files a quota increase; says no before submit (not more than now, already pending). */
export function RequestQuotaDialog({
  slug,
  open,
  onOpenChange,
  regions,
  lines,
  pendingPairs,
  initial,
}: {
  slug: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  regions: RegionView[];
  lines: QuotaLine[];
  pendingPairs: Set<string>;
  initial: QuotaRequestTarget;
}) {
  const t = useTranslations("shapes.dialog");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const create = useCreateQuotaRequest(slug);
  // The parent mounts a fresh dialog (a new key) for each opening: its state and its
  // idempotency key start from the target it was opened for.
  const [form, setForm] = useState(() => {
    const line = lines.find((l) => l.regionId === initial.regionId && l.gpuModel === initial.gpuModel);
    return { ...initial, requested: String(initial.requestedGpus ?? (line?.limit ?? DEFAULT_GPU_QUOTA) * 2), reason: "" };
  });
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const region = regions.find((r) => r.id === form.regionId) ?? regions[0];
  const models = region?.gpuModels ?? [];
  const line = lines.find((l) => l.regionId === form.regionId && l.gpuModel === form.gpuModel);
  const limit = line?.limit ?? DEFAULT_GPU_QUOTA;
  const inUse = line?.inUse ?? 0;
  const requested = Number(form.requested);
  const pending = pendingPairs.has(`${form.regionId}/${form.gpuModel}`);

  const serverError = create.error instanceof ApiError ? create.error : null;
  const serverField = serverError?.field as Field | undefined;
  const localErrors: Partial<Record<Field, string>> = {};
  if (!Number.isInteger(requested) || requested <= limit) localErrors.requestedGpus = t("requestedTooLow", { limit });
  if (!form.reason.trim()) localErrors.reason = t("reasonRequired");
  if (pending) localErrors.gpuModel = t("pendingExists");
  const fieldError = (field: Field) =>
    (touched[field] || field === "gpuModel" ? localErrors[field] : undefined) ??
    (serverField === field ? (serverError?.code === "conflict" ? t("pendingExists") : errorMessage(serverError)) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched({ regionId: true, gpuModel: true, requestedGpus: true, reason: true });
    if (Object.keys(localErrors).length > 0) return;
    const filed = await create
      .mutateAsync({ input: { regionId: form.regionId, gpuModel: form.gpuModel, requestedGpus: requested, reason: form.reason.trim() }, idempotencyKey })
      .catch(() => null);
    if (filed) {
      toast.success(t("filed"));
      onOpenChange(false);
    }
  };

  const changeRegion = (regionId: string) => {
    const next = regions.find((r) => r.id === regionId);
    const gpuModel = next?.gpuModels.includes(form.gpuModel) ? form.gpuModel : (next?.gpuModels[0] ?? form.gpuModel);
    const nextLine = lines.find((l) => l.regionId === regionId && l.gpuModel === gpuModel);
    setForm({ ...form, regionId, gpuModel, requested: String((nextLine?.limit ?? DEFAULT_GPU_QUOTA) * 2) });
    setIdempotencyKey(newIdempotencyKey());
  };
  const changeModel = (gpuModel: GpuModel) => {
    const nextLine = lines.find((l) => l.regionId === form.regionId && l.gpuModel === gpuModel);
    setForm({ ...form, gpuModel, requested: String((nextLine?.limit ?? DEFAULT_GPU_QUOTA) * 2) });
    setIdempotencyKey(newIdempotencyKey());
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t("title")} description={t("description")} closeLabel={tc("close")}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        {serverError && !serverField ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {errorMessage(serverError)}
          </p>
        ) : null}
        <SelectField label={t("region")} value={form.regionId} onChange={(e) => changeRegion(e.target.value)} error={fieldError("regionId")}>
          {regions
            .filter((r) => r.gpuModels.length > 0)
            .map((r) => (
              <option key={r.id} value={r.id}>
                {r.name[locale]} ({r.id})
              </option>
            ))}
        </SelectField>
        <SelectField label={t("gpuModel")} hint={t("gpuModelHint")} value={form.gpuModel} onChange={(e) => changeModel(e.target.value as GpuModel)} error={fieldError("gpuModel")}>
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t("requested")}
          hint={t("requestedHint", { limit, inUse })}
          type="number"
          inputMode="numeric"
          min={limit + 1}
          max={10000}
          step={1}
          value={form.requested}
          onChange={(e) => setForm({ ...form, requested: e.target.value })}
          onBlur={() => setTouched({ ...touched, requestedGpus: true })}
          error={fieldError("requestedGpus")}
          required
        />
        <TextAreaField
          label={t("reason")}
          hint={t("reasonHint")}
          rows={4}
          maxLength={2000}
          value={form.reason}
          onChange={(e) => setForm({ ...form, reason: e.target.value })}
          onBlur={() => setTouched({ ...touched, reason: true })}
          error={fieldError("reason")}
          required
        />
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {tc("cancel")}
          </Button>
          <Button type="submit" disabled={create.isPending || pending}>
            {create.isPending ? t("submitting") : t("submit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
