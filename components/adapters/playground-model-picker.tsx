"use client";
import { useTranslations } from "next-intl";
import { SelectField } from "@/components/ui/field";
import { useEndpointAdapters } from "@/lib/client/adapters/use-adapters";

/** The playground answers as the base model or as one of the adapters the endpoint serves now ("" = the base model). */
export function PlaygroundModelPicker({ slug, endpointId, baseModelId, value, onChange }: { slug: string; endpointId: string; baseModelId: string; value: string; onChange: (adapter: string) => void }) {
  const t = useTranslations("adapters.playground");
  const attached = useEndpointAdapters(slug, endpointId);
  const served = (attached.data?.items ?? []).filter((a) => a.state === "attached");
  return (
    <SelectField label={t("model")} value={value} onChange={(e) => onChange(e.target.value)} disabled={served.length === 0}>
      <option value="">{t("base", { model: baseModelId })}</option>
      {served.map((a) => (
        <option key={a.adapterId} value={a.name}>
          {a.model}
        </option>
      ))}
    </SelectField>
  );
}
