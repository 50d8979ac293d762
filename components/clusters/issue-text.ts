"use client";
import { useTranslations } from "next-intl";
import type { PreflightIssue } from "@/lib/domain/clusters";

/** A preflight issue in the reader's language, with the way out where there is one. */
export function useIssueText(): (issue: PreflightIssue) => string {
  const t = useTranslations("clusters.issues");
  return (issue) => {
    const d = (issue.details ?? {}) as Record<string, unknown>;
    switch (issue.code) {
      case "capacity_unavailable": {
        const where = ((d.availableIn as Array<{ zoneId: string; available: number; fitsRequest: boolean }>) ?? []).filter((z) => z.fitsRequest).map((z) => `${z.zoneId} (${z.available})`);
        return where.length ? t("capacityElsewhere", { available: Number(d.available ?? 0), zones: where.join(", ") }) : t("capacityNowhere", { available: Number(d.available ?? 0) });
      }
      case "quota_exceeded":
        return t("quota", { model: String(d.gpuModel), limit: Number(d.limit), inUse: Number(d.inUse), requested: Number(d.requested) });
      case "residency_violation":
        return t("residency", { region: String(d.regionId ?? "") });
      case "already_exists":
        return t("nameTaken");
      case "invalid_name":
        return t("invalidName");
      case "required":
        return t("required");
      case "duplicate":
        return t("duplicate");
      default:
        return t("invalid", { message: issue.message });
    }
  };
}
