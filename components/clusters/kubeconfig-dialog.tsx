"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopySecret } from "@/components/ui/copy-secret";
import { Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/field";
import { useIssueKubeconfig } from "@/lib/client/clusters/use-clusters";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

const LIFETIMES = [3600, 8 * 3600, 24 * 3600] as const;

/** A short-lived kubeconfig, shown once with copy and download; generating one is audited. */
export function KubeconfigDialog({ slug, clusterId, onClose }: { slug: string; clusterId: string; onClose: () => void }) {
  const t = useTranslations("clusters.kubeconfig");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const issue = useIssueKubeconfig(slug, clusterId);
  const [ttl, setTtl] = useState<number>(3600);
  const result = issue.data;
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t("title")} description={result ? tc("shownOnce") : t("description")} closeLabel={tc("close")} wide>
      {result ? (
        <div className="space-y-4">
          <p className="text-sm" data-testid="kubeconfig-expiry">
            {t("expires", { at: formatDateTime(result.expiresAt, locale) })}
          </p>
          <CopySecret value={result.kubeconfig} filename={result.filename} labels={{ copy: tc("copy"), copied: tc("copied"), download: tc("download") }} />
          <pre tabIndex={0} className="focus-visible:outline-2 focus-visible:outline-brand-600 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{`kubectl --kubeconfig ${result.filename} get nodes`}</pre>
          <div className="flex justify-end">
            <Button onClick={onClose}>{tc("close")}</Button>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          <SelectField label={t("lifetime")} value={String(ttl)} onChange={(e) => setTtl(Number(e.target.value))}>
            {LIFETIMES.map((s) => (
              <option key={s} value={s}>
                {t("hours", { hours: s / 3600 })}
              </option>
            ))}
          </SelectField>
          {issue.error ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {errorMessage(issue.error)}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button onClick={() => issue.mutate(ttl)} disabled={issue.isPending}>
              {t("generate")}
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
