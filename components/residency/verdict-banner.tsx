"use client";
import { useTranslations } from "next-intl";
import { CircleAlert, CircleCheck, CircleMinus, CircleX } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { Appraisal } from "@/lib/domain/attestation";
import { residencyRemedies, residencyVerdict, type ResidencyVerdict } from "@/lib/domain/residency-verdict";

const LOOK: Record<ResidencyVerdict, { box: string; icon: typeof CircleCheck; text: string }> = {
  affirming: { box: "border-emerald-300 bg-emerald-50", icon: CircleCheck, text: "text-emerald-900" },
  warning: { box: "border-amber-300 bg-amber-50", icon: CircleAlert, text: "text-amber-950" },
  contraindicated: { box: "border-red-300 bg-red-50", icon: CircleX, text: "text-red-900" },
  not_applicable: { box: "border-slate-300 bg-slate-50", icon: CircleMinus, text: "text-slate-900" },
};

/**
 * The verdict first (判定), as a banner with its reasons and the remedy: what a compliance
 * officer reads before anything else on a statement. Whether the signature is authentic (署名)
 * is a separate panel with its own words.
 */
export function VerdictBanner({ appraisal, gpuModels, reasonText }: { appraisal: Appraisal; gpuModels: string[]; reasonText: (code: Appraisal["reasons"][number]["code"]) => string }) {
  const t = useTranslations("residency");
  const verdict = residencyVerdict(appraisal);
  const look = LOOK[verdict];
  const Icon = look.icon;
  const remedies = residencyRemedies(appraisal.reasons, gpuModels);
  const reasons = [...new Set(appraisal.reasons.map((r) => r.code))];
  return (
    <section aria-labelledby="verdict-title" className={cn("mb-6 rounded-lg border p-4", look.box)} data-testid="verdict-banner" data-verdict={verdict}>
      <div className="flex items-start gap-3">
        <Icon className={cn("mt-0.5 size-6 shrink-0", look.text)} aria-hidden />
        <div className={cn("min-w-0 space-y-2 text-sm", look.text)}>
          <h2 id="verdict-title" className="text-lg font-bold">
            {t(`banner.${verdict}`)}
          </h2>
          {verdict === "affirming" ? <p>{t("banner.affirmingBody")}</p> : null}
          {verdict !== "affirming" && verdict !== "not_applicable" && reasons.length > 0 ? (
            <div>
              <p className="font-medium">{t("banner.reasonsTitle")}</p>
              <ul className="list-disc pl-5">
                {reasons.map((code) => (
                  <li key={code}>{reasonText(code)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {remedies.length > 0 ? (
            <div data-testid="verdict-remedy">
              {verdict !== "not_applicable" ? <p className="font-medium">{t("banner.remedyTitle")}</p> : null}
              {remedies.map((r) => (
                <p key={`${r.key}-${r.model ?? ""}`}>{t(`remedy.${r.key}`, { model: r.model ?? "", supported: (r.supported ?? []).join("・") })}</p>
              ))}
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}
