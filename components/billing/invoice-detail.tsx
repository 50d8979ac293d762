"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { FileDown, FileSpreadsheet } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { useOrg } from "@/components/shell/org-context";
import { invoiceFileUrl } from "@/lib/client/billing/use-invoices";
import type { InvoiceDetail } from "@/lib/domain/billing-api";
import { formatDateTime, formatYen } from "@/lib/i18n/format";
import { formatHours, formatPercent, formatQuantity, formatTokens, formatYenDecimal } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";
import { CostCenterBreakdown } from "./cost-center-breakdown";
import { Breadcrumbs } from "@/components/templates/breadcrumbs";
import { InvoiceStatusBadge } from "./invoice-status-badge";
import { dateLabel, monthLabel } from "./jst-dates";

// One qualified invoice (適格請求書) as issued, with every field the law asks for: issuer and
// registration number, recipient, transaction period, lines, subtotal and consumption tax per rate,
// plus number, issue and due dates and where to pay. The document is the stored JSON; the PDF and
// CSV are downloads of the same document.

type InvoiceLine = InvoiceDetail["invoice"]["lines"][number];

/** The quantity the way a reader counts it: hours, tokens (万 in Japanese) or one lot. */
function lineQuantity(line: InvoiceLine, locale: Locale): string {
  if (line.unitEn === "hours") return formatHours(line.quantity, locale);
  if (line.unitEn === "million tokens") return formatTokens(line.tokens, locale);
  return `${formatQuantity(line.quantity, locale)} ${locale === "ja" ? line.unitJa : line.unitEn}`;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd className="mt-0.5 text-sm text-ink">{children}</dd>
    </div>
  );
}

export function InvoiceDetailView({ detail }: { detail: InvoiceDetail }) {
  const { slug } = useOrg();
  const t = useTranslations("billing.invoice");
  const tb = useTranslations("billing");
  const locale = useLocale() as Locale;
  const { invoice, status } = detail;
  const ja = locale === "ja";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Breadcrumbs trail={[{ label: tb("tabs.invoices"), href: `/${slug}/billing/invoices` }, { label: invoice.number }]} />
        <div className="flex gap-2 print:hidden">
          <Button variant="secondary" asChild>
            <a href={invoiceFileUrl(slug, invoice.id, "pdf")} download={`invoice-${invoice.number}.pdf`}>
              <FileDown className="size-4" aria-hidden />
              {t("downloadPdf")}
            </a>
          </Button>
          <Button variant="secondary" asChild>
            <a href={invoiceFileUrl(slug, invoice.id, "csv")} download={`invoice-${invoice.number}.csv`}>
              <FileSpreadsheet className="size-4" aria-hidden />
              {t("downloadCsv")}
            </a>
          </Button>
        </div>
      </div>

      <Card>
        <CardHeader
          title={
            <span className="flex flex-wrap items-center gap-3">
              {ja ? invoice.titleJa : invoice.titleEn}
              <InvoiceStatusBadge status={status} />
            </span>
          }
          description={t("numberLine", { number: invoice.number })}
        />
        <CardBody className="space-y-6">
          {invoice.corrects ? (
            <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t("correctsNote", { number: invoice.corrects.number, reason: invoice.corrects.reasonJa })}{" "}
              <Link className="underline" href={`/${slug}/billing/invoices/${invoice.corrects.invoiceId}`}>
                {t("openOriginal")}
              </Link>
            </p>
          ) : null}
          {detail.correctedBy ? (
            <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t("correctedNote")}{" "}
              <Link className="underline" href={`/${slug}/billing/invoices/${detail.correctedBy}`}>
                {t("openCorrection")}
              </Link>
            </p>
          ) : null}
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Field label={t("recipient")}>
              {t("recipientHonorific", { name: invoice.recipient.legalNameJa })}
              <span className="block text-xs text-muted">{invoice.recipient.legalNameEn}</span>
            </Field>
            <Field label={t("issuer")}>
              {ja ? invoice.issuer.nameJa : invoice.issuer.nameEn}
              <span className="block text-xs text-muted">{invoice.issuer.addressJa}</span>
            </Field>
            <Field label={t("registrationNumber")}>
              <span className="font-mono" data-testid="registration-number">
                {invoice.issuer.registrationNumber}
              </span>
            </Field>
            <Field label={t("period")}>
              {monthLabel(invoice.month, locale)}（{dateLabel(invoice.period.startDate, locale)} – {dateLabel(invoice.period.endDate, locale)}）
            </Field>
            <Field label={t("issueDate")}>
              {dateLabel(invoice.issueDate, locale)}
              <span className="block text-xs text-muted">{formatDateTime(invoice.issuedAt, locale)}</span>
            </Field>
            <Field label={t("dueDate")}>
              {dateLabel(invoice.dueDate, locale)}
              <span className="block text-xs text-muted">{ja ? invoice.paymentTermsJa : invoice.paymentTermsEn}</span>
            </Field>
          </dl>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("lines")} />
        <Table>
          <thead>
            <tr>
              <Th>{t("lineNo")}</Th>
              <Th>{t("description")}</Th>
              <Th numeric>{t("quantity")}</Th>
              <Th numeric>{t("unitPrice")}</Th>
              <Th numeric>{t("discount")}</Th>
              <Th numeric>{t("amount")}</Th>
              <Th numeric>{t("taxRate")}</Th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.length === 0 ? (
              <tr>
                <Td colSpan={7} className="text-muted">
                  {t("noLines")}
                </Td>
              </tr>
            ) : (
              invoice.lines.map((l) => (
                <tr key={l.lineNo}>
                  <Td className="tabular">{l.lineNo}</Td>
                  <Td>
                    {ja ? l.descriptionJa : l.descriptionEn}
                    {Number(l.gpuHours) > 0 ? <span className="block text-xs text-muted">{t("gpuHours", { hours: formatQuantity(l.gpuHours, locale) })}</span> : null}
                    {l.costCenter || l.poNumber ? (
                      <span className="block text-xs text-muted">
                        {[l.costCenter ? `${l.costCenter.code} ${ja ? l.costCenter.nameJa : l.costCenter.nameEn}` : null, l.poNumber ? t("poNumber", { po: l.poNumber }) : null].filter(Boolean).join(" / ")}
                      </span>
                    ) : null}
                  </Td>
                  <Td numeric>{lineQuantity(l, locale)}</Td>
                  <Td numeric>
                    {formatYenDecimal(l.unitPriceJpy, locale)}
                    <span className="block text-xs text-muted">/ {ja ? l.unitJa : l.unitEn}</span>
                  </Td>
                  <Td numeric>{Number(l.discountPercent) === 0 ? "—" : formatPercent(Number(l.discountPercent), locale, 2)}</Td>
                  <Td numeric>{formatYen(l.amountJpy, locale)}</Td>
                  <Td numeric>{formatPercent(Number(l.taxRatePercent), locale)}</Td>
                </tr>
              ))
            )}
          </tbody>
          <tfoot>
            {invoice.taxes.map((tax) => (
              <tr key={`s${tax.ratePercent}`}>
                <Td colSpan={5} className="text-right">
                  {t("subtotalAtRate", { rate: tax.ratePercent })}
                </Td>
                <Td numeric>{formatYen(tax.subtotalJpy, locale)}</Td>
                <Td />
              </tr>
            ))}
            {invoice.taxes.map((tax) => (
              <tr key={`t${tax.ratePercent}`}>
                <Td colSpan={5} className="text-right">
                  {t("taxAtRate", { rate: tax.ratePercent })}
                </Td>
                <Td numeric data-testid="invoice-tax">
                  {formatYen(tax.taxJpy, locale)}
                </Td>
                <Td />
              </tr>
            ))}
            <tr className="text-base font-bold">
              <Td colSpan={5} className="text-right">
                {t("total")}
              </Td>
              <Td numeric data-testid="invoice-total">
                {formatYen(invoice.totalJpy, locale)}
              </Td>
              <Td />
            </tr>
          </tfoot>
        </Table>
        <CardBody>
          <p className="text-xs text-muted">{ja ? invoice.rounding.noteJa : invoice.rounding.noteEn}</p>
        </CardBody>
      </Card>

      <CostCenterBreakdown invoice={invoice} />

      <Card>
        <CardHeader title={t("bankTitle")} />
        <CardBody>
          <dl className="grid gap-4 sm:grid-cols-3">
            <Field label={t("bank")}>
              {invoice.bankAccount.bankName}（{invoice.bankAccount.bankCode}）
            </Field>
            <Field label={t("branch")}>
              {invoice.bankAccount.branchName}（{invoice.bankAccount.branchCode}）
            </Field>
            <Field label={t("account")}>
              {invoice.bankAccount.accountType} {invoice.bankAccount.accountNumber}
            </Field>
            <Field label={t("accountHolder")}>{invoice.bankAccount.accountHolderKana}</Field>
          </dl>
        </CardBody>
      </Card>
    </div>
  );
}
