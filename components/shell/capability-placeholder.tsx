import { getTranslations } from "next-intl/server";
import { Boxes, Cpu, FileCheck2, Receipt, Sparkles } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

// The clean empty state of a capability that has not arrived yet: what it will hold, no dead
// buttons. Each capability replaces its page when it lands.

const ICONS = { shapes: Cpu, clusters: Boxes, endpoints: Sparkles, attestations: FileCheck2, billing: Receipt } as const;

export async function CapabilityPlaceholder({ area }: { area: keyof typeof ICONS }) {
  const t = await getTranslations("empty");
  const nav = await getTranslations("nav");
  const Icon = ICONS[area];
  return (
    <>
      <PageHeader title={nav(area)} />
      <EmptyState icon={<Icon className="size-8" />} title={t(`${area}Title`)} description={<>{t(`${area}Body`)}<br />{t("preparing")}</>} />
    </>
  );
}
