"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { useEndpointKeyUsage, useUpdateEndpointKeyBudget } from "@/lib/client/endpoints/use-endpoint-key-usage";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { EndpointKey } from "@/lib/domain/endpoints";
import { formatDate, formatDateTime, formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// One key's usage per JST day (chargeback to the application that owns it) and, for those who
// manage keys, its monthly token budget.

export function EndpointKeyUsageDialog({ slug, endpointId, apiKey, canManage, onClose }: { slug: string; endpointId: string; apiKey: EndpointKey; canManage: boolean; onClose: () => void }) {
  const t = useTranslations("endpoints.keyUsage");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const usage = useEndpointKeyUsage(slug, endpointId, apiKey.id);
  const errorMessage = useErrorMessage();
  const days = usage.data ? [...usage.data.days].reverse() : [];

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t("title", { name: apiKey.name })} description={t("description")} closeLabel={tc("close")} wide>
      <div className="space-y-5">
        {canManage && !apiKey.revokedAt ? <BudgetForm slug={slug} endpointId={endpointId} apiKey={apiKey} /> : <BudgetLine apiKey={apiKey} />}
        {usage.isLoading ? (
          <Skeleton className="h-40 w-full" />
        ) : usage.error ? (
          <p role="alert" className="text-sm text-red-800">{errorMessage(usage.error)}</p>
        ) : usage.data ? (
          <>
            <p className="text-sm text-muted">
              {t("range", { from: formatDate(usage.data.from, locale), to: formatDate(usage.data.to, locale) })}
              {" · "}
              {t("resetsAt", { at: formatDateTime(usage.data.budgetResetsAt, locale) })}
            </p>
            <Table data-testid="key-usage-table">
              <thead>
                <tr>
                  <Th>{t("day")}</Th>
                  <Th numeric>{t("requests")}</Th>
                  <Th numeric>{t("inputTokens")}</Th>
                  <Th numeric>{t("outputTokens")}</Th>
                </tr>
              </thead>
              <tbody>
                <tr className="font-semibold" data-testid="key-usage-total">
                  <Td>{t("total")}</Td>
                  <Td numeric>{formatNumber(usage.data.total.requests, locale)}</Td>
                  <Td numeric>{formatNumber(usage.data.total.inputTokens, locale)}</Td>
                  <Td numeric>{formatNumber(usage.data.total.outputTokens, locale)}</Td>
                </tr>
                {days.map((d) => (
                  <tr key={d.day} className={d.requests === 0 ? "text-muted" : undefined}>
                    <Td>{formatDate(d.day, locale)}</Td>
                    <Td numeric>{formatNumber(d.requests, locale)}</Td>
                    <Td numeric>{formatNumber(d.inputTokens, locale)}</Td>
                    <Td numeric>{formatNumber(d.outputTokens, locale)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </>
        ) : null}
      </div>
    </Dialog>
  );
}

function BudgetLine({ apiKey }: { apiKey: EndpointKey }) {
  const t = useTranslations("endpoints.keyUsage");
  const locale = useLocale() as Locale;
  const used = apiKey.monthToDate.inputTokens + apiKey.monthToDate.outputTokens;
  return (
    <p className="text-sm">
      {apiKey.monthlyTokenBudget === null
        ? t("noBudget", { used: formatNumber(used, locale) })
        : t("budgetUsed", { used: formatNumber(used, locale), budget: formatNumber(apiKey.monthlyTokenBudget, locale) })}
    </p>
  );
}

function BudgetForm({ slug, endpointId, apiKey }: { slug: string; endpointId: string; apiKey: EndpointKey }) {
  const t = useTranslations("endpoints.keyUsage");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const update = useUpdateEndpointKeyBudget(slug, endpointId, apiKey.id);
  const [value, setValue] = useState(apiKey.monthlyTokenBudget === null ? "" : String(apiKey.monthlyTokenBudget));
  const save = (budget: number | null) =>
    update.mutate(budget, {
      onSuccess: (key) => {
        setValue(key.monthlyTokenBudget === null ? "" : String(key.monthlyTokenBudget));
        toast.success(budget === null ? t("budgetRemovedToast") : t("budgetSavedToast"));
      },
      onError: (e) => toast.error(errorMessage(e)),
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(value.trim() === "" ? null : Number(value));
  };
  return (
    <form onSubmit={submit} className="space-y-2 rounded-md border border-line p-4">
      <BudgetLine apiKey={apiKey} />
      <div className="flex flex-wrap items-end gap-2">
        <TextField
          label={t("budget")}
          hint={t("budgetHint")}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="w-56"
        />
        <Button type="submit" disabled={update.isPending}>{t("saveBudget")}</Button>
        {apiKey.monthlyTokenBudget !== null ? (
          <Button variant="secondary" disabled={update.isPending} onClick={() => save(null)}>{t("removeBudget")}</Button>
        ) : null}
      </div>
    </form>
  );
}
