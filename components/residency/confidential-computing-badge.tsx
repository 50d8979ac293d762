"use client";
import { useTranslations } from "next-intl";
import { ShieldCheck, ShieldOff } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { GpuModel } from "@/lib/domain/catalog/shapes";
import { supportsConfidentialComputing } from "@/lib/domain/catalog/confidential-computing";

/**
 * 「機密コンピューティング対応」 per GPU shape, before anyone chooses it: a workload on a GPU without
 * confidential computing (L40S) can never get the residency verdict 適合.
 */
export function ConfidentialComputingBadge({ gpuModel, className }: { gpuModel: GpuModel; className?: string }) {
  const t = useTranslations("residency.cc");
  const supported = supportsConfidentialComputing(gpuModel);
  const Icon = supported ? ShieldCheck : ShieldOff;
  return (
    <span
      className={cn("inline-flex items-center gap-1 text-[11px]", supported ? "text-emerald-800" : "text-amber-900", className)}
      title={supported ? t("supportedHint") : t("unsupportedHint", { model: gpuModel })}
      data-testid="cc-badge"
    >
      <Icon className="size-3.5 shrink-0" aria-hidden />
      {supported ? t("supported") : t("unsupported")}
    </span>
  );
}
