"use client";
import { useTranslations } from "next-intl";
import { CopySecret } from "@/components/ui/copy-secret";

/** Ten recovery codes, shown this once, with copy and download. */
export function RecoveryCodesOnce({ codes }: { codes: string[] }) {
  const t = useTranslations("security.totp");
  return (
    <section aria-labelledby="recovery-codes-title" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4" data-testid="recovery-codes">
      <h3 id="recovery-codes-title" className="text-sm font-semibold text-ink">
        {t("recoveryTitle")}
      </h3>
      <p className="text-sm text-amber-900">{t("recoveryOnce")}</p>
      <CopySecret value={codes.join("\n")} filename="hinoki-recovery-codes.txt" labels={{ copy: t("copy"), copied: t("copied"), download: t("download") }} />
    </section>
  );
}
