"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/**
 * The foot of every create wizard (clusters, endpoints, and what comes next): キャンセル back to
 * the list on the left, the one primary submit beside it, a status line (what still blocks) above.
 */
export function WizardActions({ cancelHref, submitLabel, disabled, status }: { cancelHref: string; submitLabel: string; disabled: boolean; status?: ReactNode }) {
  const tc = useTranslations("common");
  return (
    <div className="space-y-2" data-testid="wizard-actions">
      {status}
      <div className="flex gap-2">
        <Button variant="secondary" asChild>
          <Link href={cancelHref}>{tc("cancel")}</Link>
        </Button>
        <Button type="submit" className="flex-1" disabled={disabled}>
          {submitLabel}
        </Button>
      </div>
    </div>
  );
}
