"use client";
import { useLocale } from "next-intl";
import { useOrg } from "@/components/shell/org-context";
import { useCostCenters } from "@/lib/client/cost-centers/use-cost-centers";
import type { Locale } from "@/lib/i18n/locales";

// A cost center as people know it: 「CC-1001 研究開発部」 in the reader's language. Archived ones
// are in the list too (a 稟議 keeps the one it was made with). Until the list arrives, the code
// is unknown, so the id stands in rather than nothing.
export function CostCenterName({ id }: { id: string }) {
  const { slug } = useOrg();
  const locale = useLocale() as Locale;
  const centers = useCostCenters(slug);
  const center = centers.data?.find((c) => c.id === id);
  if (!center) return <span className="font-mono text-xs">{centers.isPending ? "…" : id}</span>;
  return (
    <span>
      <span className="font-mono">{center.code}</span> {locale === "ja" ? center.nameJa : center.nameEn}
    </span>
  );
}
