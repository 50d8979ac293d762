"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Leaf } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { ApiError } from "@/lib/client/api-fetch";
import { useResidencyPolicy, useUpdateResidencyPolicy } from "@/lib/client/attestations/use-residency-policy";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { REGIONS } from "@/lib/domain/catalog/regions";
import type { ResidencyPolicy, ResourceOutsidePolicy } from "@/lib/domain/residency-policy";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

/** Region checkboxes; a change that would strand running work is refused, naming it. */
export function ResidencyPolicyForm({ initial }: { initial: ResidencyPolicy }) {
  const { slug } = useOrg();
  const canWrite = useCan("residency.write");
  const t = useTranslations("attestations.residency");
  const tk = useTranslations("attestations.kind");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const policy = useResidencyPolicy(slug, initial);
  const update = useUpdateResidencyPolicy(slug);
  const current = policy.data ?? initial;
  const [selected, setSelected] = useState<string[]>(current.allowedRegions);
  const [refused, setRefused] = useState<ResourceOutsidePolicy[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const toggle = (id: string, on: boolean) => {
    setRefused(null);
    setError(null);
    setSelected((prev) => (on ? [...prev, id] : prev.filter((x) => x !== id)));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (selected.length === 0) return;
    setRefused(null);
    setError(null);
    update.mutate(selected, {
      onSuccess: () => toast.success(t("saved")),
      onError: (e) => {
        const resources = e instanceof ApiError ? (e.details?.resources as ResourceOutsidePolicy[] | undefined) : undefined;
        if (resources?.length) setRefused(resources);
        else setError(errorMessage(e));
      },
    });
  };

  const none = selected.length === 0;
  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      {current.isDefault ? <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">{t("defaultNote")}</p> : null}
      <fieldset disabled={!canWrite} aria-describedby={none ? "residency-none" : undefined}>
        <legend className="mb-2 text-sm font-medium text-ink">{t("regions")}</legend>
        <div className="space-y-2">
          {REGIONS.map((region) => {
            const checked = selected.includes(region.id);
            return (
              <label key={region.id} className="flex cursor-pointer items-start gap-3 rounded-md border border-line p-3 hover:bg-canvas has-[:checked]:border-brand-500">
                <input type="checkbox" className="mt-1 size-4" checked={checked} onChange={(e) => toggle(region.id, e.target.checked)} />
                <span className="flex-1">
                  <span className="flex flex-wrap items-center gap-2 text-sm font-medium text-ink">
                    {locale === "ja" ? region.nameJa : region.nameEn}
                    <span className="font-mono text-xs text-muted">{region.id}</span>
                    {region.renewablePower ? (
                      <Badge tone="success">
                        <Leaf className="size-3" aria-hidden />
                        {t("renewable")}
                      </Badge>
                    ) : null}
                  </span>
                  <span className="block text-xs text-muted">
                    {locale === "ja" ? region.prefectureJa : region.prefectureEn}（{region.iso3166_2}） · {t("zones", { zones: region.zones.map((z) => z.id).join(", ") })}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        {none ? (
          <p id="residency-none" role="alert" className="mt-2 text-xs text-red-700">
            {t("atLeastOne")}
          </p>
        ) : null}
      </fieldset>

      {refused ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900" data-testid="residency-refused">
          <p>{t("refused")}</p>
          <ul className="mt-2 list-disc pl-5">
            {refused.map((r) => (
              <li key={r.id}>
                <span className="font-medium">{r.name}</span>（{tk(r.kind)} · <span className="font-mono">{r.regionId}</span>）
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}

      <div className="flex items-center justify-between gap-4">
        <p className="text-xs text-muted">{canWrite ? (current.updatedAt ? t("updated", { at: formatDateTime(current.updatedAt, locale) }) : null) : t("readOnly")}</p>
        {canWrite ? (
          <Button type="submit" disabled={none || update.isPending}>
            {update.isPending ? t("saving") : t("save")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
