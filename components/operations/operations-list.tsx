"use client";
import { useSearchParams } from "next/navigation";
import { replaceAddressQuery } from "@/components/ui/address-query";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { useOrg } from "@/components/shell/org-context";
import { OperationStatus, OperationTargetKind } from "@/lib/domain/operations";
import type { OperationFilters } from "@/lib/client/operations/use-operations";
import { OperationsTable } from "./operations-table";
import { useOperationWords } from "./use-operation-words";

/** The org's operations across kinds, filtered by resource kind and status (kept in the URL, so a filtered view can be shared). */
export function OperationsList() {
  const { slug } = useOrg();
  const t = useTranslations("operations");
  const words = useOperationWords();
  const params = useSearchParams();
  const kind = OperationTargetKind.safeParse(params.get("kind"));
  const status = OperationStatus.safeParse(params.get("status"));
  const filters: OperationFilters = { targetKind: kind.success ? kind.data : undefined, status: status.success ? status.data : undefined };

  const setFilter = (name: "kind" | "status", value: string) => replaceAddressQuery({ [name]: value });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-4">
        <SelectField label={t("filters.targetKind")} value={filters.targetKind ?? ""} onChange={(e) => setFilter("kind", e.target.value)} className="w-56">
          <option value="">{t("filters.all")}</option>
          {OperationTargetKind.options.map((k) => (
            <option key={k} value={k}>
              {t(`filters.targetKinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("filters.status")} value={filters.status ?? ""} onChange={(e) => setFilter("status", e.target.value)} className="w-56">
          <option value="">{t("filters.all")}</option>
          {OperationStatus.options.map((s) => (
            <option key={s} value={s}>
              {words.status(s)}
            </option>
          ))}
        </SelectField>
      </div>
      <Card>
        <OperationsTable slug={slug} filters={filters} showTarget />
      </Card>
    </div>
  );
}
