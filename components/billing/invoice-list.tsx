"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { replaceAddressQuery } from "@/components/ui/address-query";
import { useState, type FormEvent } from "react";
import { FileDown, FileSpreadsheet, Receipt } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { LoadMoreFooter } from "@/components/ui/load-more-footer";
import { useOrg } from "@/components/shell/org-context";
import { invoiceFileUrl, useInvoices, type InvoiceFilter } from "@/lib/client/billing/use-invoices";
import { invoiceArchiveCsvUrl } from "@/lib/client/billing/use-invoice-chain";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { InvoiceStatusBadge } from "./invoice-status-badge";
import { dateLabel, monthLabel } from "./jst-dates";

// 「請求書」: issued invoices, newest first, searchable by issue date, amount and counterparty
// (電子帳簿保存法). Filters live in the URL so a search can be shared; "load more" pages by cursor.

const FIELDS = ["issuedFrom", "issuedTo", "minTotal", "maxTotal", "counterparty", "status"] as const;

/** `archive`: the 請求書アーカイブ view — the results' CSV and each original PDF beside the list. */
export function InvoiceList({ archive = false }: { archive?: boolean }) {
  const ta = useTranslations("billing.archive");
  const { slug } = useOrg();
  const t = useTranslations("billing.invoices");
  const tb = useTranslations("billing");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const search = useSearchParams();
  const filter: InvoiceFilter = Object.fromEntries(FIELDS.map((f) => [f, search.get(f) || undefined]));
  const [form, setForm] = useState<Record<(typeof FIELDS)[number], string>>(Object.fromEntries(FIELDS.map((f) => [f, search.get(f) ?? ""])) as Record<(typeof FIELDS)[number], string>);
  const invoices = useInvoices(slug, filter);
  const items = invoices.data?.pages.flatMap((p) => p.items) ?? [];
  const amountError = form.minTotal && form.maxTotal && Number(form.minTotal) > Number(form.maxTotal) ? t("amountRangeInvalid") : undefined;
  const dateError = form.issuedFrom && form.issuedTo && form.issuedFrom > form.issuedTo ? t("dateRangeInvalid") : undefined;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (amountError || dateError) return;
    replaceAddressQuery(Object.fromEntries(FIELDS.map((f) => [f, form[f].trim()])));
  };
  const clear = () => {
    setForm(Object.fromEntries(FIELDS.map((f) => [f, ""])) as Record<(typeof FIELDS)[number], string>);
    replaceAddressQuery(Object.fromEntries(FIELDS.map((f) => [f, null])));
  };
  const filtered = FIELDS.some((f) => filter[f]);

  return (
    <div className="space-y-4">
      <form onSubmit={apply} role="search" aria-label={t("searchLabel")} className="grid items-start gap-3 rounded-lg border border-line bg-white p-4 sm:grid-cols-3 lg:grid-cols-7">
        <TextField label={t("issuedFrom")} type="date" value={form.issuedFrom} onChange={(e) => setForm({ ...form, issuedFrom: e.target.value })} />
        <TextField label={t("issuedTo")} type="date" value={form.issuedTo} onChange={(e) => setForm({ ...form, issuedTo: e.target.value })} error={dateError} />
        <TextField label={t("minTotal")} type="number" inputMode="numeric" min={0} step={1} value={form.minTotal} onChange={(e) => setForm({ ...form, minTotal: e.target.value })} />
        <TextField label={t("maxTotal")} type="number" inputMode="numeric" min={0} step={1} value={form.maxTotal} onChange={(e) => setForm({ ...form, maxTotal: e.target.value })} error={amountError} />
        <TextField label={t("counterparty")} placeholder={t("counterpartyPlaceholder")} value={form.counterparty} onChange={(e) => setForm({ ...form, counterparty: e.target.value })} />
        <SelectField label={tc("status")} value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
          <option value="">{t("anyStatus")}</option>
          {(["issued", "paid", "overdue"] as const).map((s) => (
            <option key={s} value={s}>
              {tb(`invoiceStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        {/* The buttons take their own row: beside six fields they would widen the page. */}
        <div className="flex flex-wrap gap-2 sm:col-span-3 lg:col-span-7">
          <Button type="submit">{tc("search")}</Button>
          <Button variant="ghost" onClick={clear}>
            {tc("clearFilters")}
          </Button>
        </div>
      </form>
      {archive ? (
        <div className="flex justify-end">
          <a href={invoiceArchiveCsvUrl(slug, filter as Record<string, string | undefined>)} download className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
            <FileSpreadsheet className="size-4" aria-hidden />
            {ta("downloadCsv")}
          </a>
        </div>
      ) : null}
      {invoices.isLoading ? (
        <Card className="space-y-2 p-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-7 w-full" />
          ))}
        </Card>
      ) : invoices.error ? (
        <p role="alert" className="text-sm text-red-800">
          {errorMessage(invoices.error)}
        </p>
      ) : items.length === 0 ? (
        <EmptyState icon={<Receipt className="size-8" />} title={filtered ? t("noMatch") : t("empty")} description={filtered ? t("noMatchBody") : t("emptyBody")} />
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>
                <Th>{t("number")}</Th>
                <Th>{t("period")}</Th>
                <Th>{t("issueDate")}</Th>
                <Th>{t("dueDate")}</Th>
                <Th>{t("counterparty")}</Th>
                <Th numeric>{t("total")}</Th>
                <Th>{t("paymentStatus")}</Th>
                <Th>{archive ? ta("original") : <span className="sr-only">{tc("download")}</span>}</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((inv) => (
                <tr key={inv.id} data-testid="invoice-row">
                  <Td>
                    <Link href={`/${slug}/billing/invoices/${inv.id}`} className="font-mono text-sm font-medium text-brand-700 hover:underline">
                      {inv.number}
                    </Link>
                    {inv.kind === "correction" ? <span className="ml-2 text-xs text-muted">{t("correction")}</span> : null}
                  </Td>
                  <Td>{monthLabel(inv.month, locale)}</Td>
                  <Td className="whitespace-nowrap">{dateLabel(inv.issueDate, locale)}</Td>
                  <Td className="whitespace-nowrap">{dateLabel(inv.dueDate, locale)}</Td>
                  <Td>
                    <span className="block">{inv.issuerName}</span>
                    <span className="block text-xs text-muted">{t("billedTo", { name: inv.recipientName })}</span>
                  </Td>
                  <Td numeric className="font-medium">
                    {formatYen(inv.totalJpy, locale)}
                    <span className="block text-xs font-normal text-muted">{t("inclTax", { tax: formatYen(inv.taxJpy, locale) })}</span>
                  </Td>
                  <Td data-testid="invoice-payment-status">
                    <InvoiceStatusBadge status={inv.status} />
                  </Td>
                  <Td>
                    {/* The original PDF on every row; named by its number so a row's link is unambiguous. */}
                    <a
                      href={invoiceFileUrl(slug, inv.id, "pdf")}
                      download={`invoice-${inv.number}.pdf`}
                      className="inline-flex items-center gap-1 rounded-md border border-line px-2 py-1 text-xs font-medium text-ink hover:bg-black/5"
                    >
                      <FileDown className="size-3.5" aria-hidden />
                      {ta("pdf", { number: inv.number })}
                    </a>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMoreFooter pages={invoices} />
        </Card>
      )}
    </div>
  );
}
