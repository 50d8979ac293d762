"use client";
import { useLocale, useTranslations } from "next-intl";
import { FileSignature } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { AccountContract, ContractVersion } from "@/lib/domain/staff";
import { formatDate, formatDateTime, formatNumber, formatUnitYen, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

export function ContractTerms({ version }: { version: ContractVersion }) {
  const t = useTranslations("staff.contract");
  const locale = useLocale() as Locale;
  const byModel = Object.entries(version.discountByGpuModel);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm" data-testid="contract-terms">
      <dt className="text-muted">{t("effectiveFrom")}</dt>
      <dd>{formatDate(`${version.effectiveFrom}T00:00:00+09:00`, locale)}</dd>
      <dt className="text-muted">{t("discount")}</dt>
      <dd>{t("percent", { value: formatNumber(version.discountPercent, locale, 2) })}</dd>
      <dt className="text-muted">{t("discountByModel")}</dt>
      <dd>{byModel.length === 0 ? "—" : byModel.map(([model, percent]) => `${model} ${t("percent", { value: formatNumber(percent ?? 0, locale, 2) })}`).join("、")}</dd>
      <dt className="text-muted">{t("committed")}</dt>
      <dd>{version.committedMonthlyJpy > 0 ? formatYen(version.committedMonthlyJpy, locale) : "—"}</dd>
      <dt className="text-muted">{t("creditLimit")}</dt>
      <dd>{version.creditLimitJpy !== null ? formatYen(version.creditLimitJpy, locale) : t("creditLimitNone")}</dd>
      <dt className="text-muted">{t("paymentTerms")}</dt>
      <dd>{version.paymentTermsDays ? t("paymentTermsDays", { days: version.paymentTermsDays }) : t("paymentTermsDefault")}</dd>
      <dt className="text-muted">{t("reservationApproval")}</dt>
      <dd>{version.reservationApprovalAboveJpy !== null ? t("reservationApprovalAbove", { amount: formatYen(version.reservationApprovalAboveJpy, locale) }) : t("reservationApprovalNone")}</dd>
      {version.setBy ? (
        <>
          <dt className="text-muted">{t("setBy")}</dt>
          <dd>
            {version.setBy}（{formatDateTime(version.createdAt, locale)}）
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function ContractPrices({ contract }: { contract: AccountContract }) {
  const t = useTranslations("staff.contract");
  const locale = useLocale() as Locale;
  return (
    <Card>
      <CardHeader title={t("prices")} />
      <Table>
        <thead>
          <tr>
            <Th>{t("shape")}</Th>
            <Th numeric>{t("listPrice")}</Th>
            <Th numeric>{t("yourPrice")}</Th>
            <Th numeric>{t("perMonth")}</Th>
          </tr>
        </thead>
        <tbody>
          {contract.prices.map((p) => (
            <tr key={p.shapeId} data-testid="contract-price" data-shape={p.shapeId}>
              <Td className="font-mono text-xs">{p.shapeId}</Td>
              <Td numeric className={p.discountPercent > 0 ? "text-muted line-through" : undefined}>
                {formatYen(p.listPerHourJpy, locale)}
              </Td>
              <Td numeric className="font-medium">
                {formatUnitYen(p.pricePerHourJpy, locale)}
                {p.discountPercent > 0 ? <span className="ml-2 text-xs text-emerald-800">−{formatNumber(p.discountPercent, locale, 2)}%</span> : null}
              </Td>
              <Td numeric>{formatYen(p.pricePerMonthJpy, locale)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

/** The contract as its holder reads it: terms in force, what is coming, and the prices they give. */
/** `showHistory`: the account manager's view (the staff console); the customer's has no history and is told whom to ask. */
export function ContractTermsView({ contract, showHistory }: { contract: AccountContract; showHistory?: boolean }) {
  const t = useTranslations("staff.contract");
  const locale = useLocale() as Locale;
  return (
    <div className="space-y-6">
      {contract.current ? (
        <Card>
          <CardHeader title={t("current")} />
          <CardBody>
            <ContractTerms version={contract.current} />
          </CardBody>
        </Card>
      ) : (
        <EmptyState icon={<FileSignature className="size-8" />} title={t("none")} description={showHistory ? t("noneStaffBody") : t("noneBody")} />
      )}
      {contract.upcoming.length > 0 ? (
        <Card>
          <CardHeader title={t("upcoming")} />
          <CardBody className="space-y-6">
            {contract.upcoming.map((v) => (
              <ContractTerms key={v.id} version={v} />
            ))}
          </CardBody>
        </Card>
      ) : null}
      <ContractPrices contract={contract} />
      {showHistory && contract.history.length > 0 ? (
        <Card>
          <CardHeader title={t("history")} />
          <Table>
            <thead>
              <tr>
                <Th>{t("effectiveFrom")}</Th>
                <Th numeric>{t("discount")}</Th>
                <Th>{t("discountByModel")}</Th>
                <Th numeric>{t("committed")}</Th>
                <Th>{t("setBy")}</Th>
                <Th>{t("setAt")}</Th>
              </tr>
            </thead>
            <tbody>
              {contract.history.map((v) => (
                <tr key={v.id}>
                  <Td className="whitespace-nowrap">
                    {v.effectiveFrom}
                    {contract.current?.id === v.id ? (
                      <Badge tone="success" className="ml-2">
                        {t("current")}
                      </Badge>
                    ) : null}
                  </Td>
                  <Td numeric>{formatNumber(v.discountPercent, locale, 2)}%</Td>
                  <Td className="text-xs">
                    {Object.entries(v.discountByGpuModel)
                      .map(([m, p]) => `${m} ${p}%`)
                      .join("、") || "—"}
                  </Td>
                  <Td numeric>{formatYen(v.committedMonthlyJpy, locale)}</Td>
                  <Td>{v.setBy ?? "—"}</Td>
                  <Td className="whitespace-nowrap">{formatDateTime(v.createdAt, locale)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}
