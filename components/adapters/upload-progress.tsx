"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** An upload in flight: a bar the screen reader reads as a percentage, and a way to stop it. */
export function UploadProgress({ fraction, onCancel }: { fraction: number; onCancel: () => void }) {
  const t = useTranslations("adapters.register");
  const percent = Math.round(fraction * 100);
  return (
    <div className="flex items-center gap-3" data-testid="upload-progress">
      <div className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={t("uploading", { percent })}>
        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <span className="tabular text-xs text-muted">{t("uploading", { percent })}</span>
      <Button variant="secondary" size="sm" onClick={onCancel}>
        {t("cancelUpload")}
      </Button>
    </div>
  );
}
