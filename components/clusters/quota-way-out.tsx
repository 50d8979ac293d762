"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { Shape } from "@/lib/domain/catalog/shapes";
import type { QuotaCheck } from "@/lib/domain/clusters";
import { quotaShortfall } from "@/lib/domain/launch-options";

/** The shapes page with the quota request dialog open and filled in for this model and amount. */
export function quotaRequestHref(slug: string, regionId: string, gpuModel: string, gpus: number): string {
  return `/${slug}/shapes?${new URLSearchParams({ request: gpuModel, regionId, gpus: String(gpus) })}`;
}

/**
 * Beside a quota refusal, the ways out (no dead ends): a quota request prefilled with what is
 * missing 「クォータの引き上げを申請（H100 +8）」, and any shape the org can launch right now
 * 「H200なら今すぐ作成できます」. Shows nothing while the pool fits.
 */
export function QuotaWayOut({
  slug,
  regionId,
  shape,
  quota,
  alternatives,
  onSwitch,
  className,
}: {
  slug: string;
  regionId: string;
  shape: Shape;
  quota: QuotaCheck | undefined;
  alternatives: Shape[];
  onSwitch: (shapeId: string) => void;
  className?: string;
}) {
  const t = useTranslations("clusters.wizard");
  if (!quota || quota.fits || !shape.gpuModel) return null;
  return (
    <div className={cn("rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950", className)} data-testid="quota-way-out">
      <p className="font-medium">{t("wayOutTitle", { model: shape.gpuModel })}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {alternatives.map((alt) => (
          <Button key={alt.id} size="sm" variant="secondary" onClick={() => onSwitch(alt.id)}>
            {t("switchShape", { model: alt.gpuModel ?? alt.id, shape: alt.id })}
          </Button>
        ))}
        <Link href={quotaRequestHref(slug, regionId, shape.gpuModel, quota.inUse + quota.requested)} className="text-brand-700 underline">
          {t("requestQuotaFor", { model: shape.gpuModel, more: quotaShortfall(quota) })}
        </Link>
      </div>
    </div>
  );
}
