"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ShieldAlert, ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useInvoiceChainVerification } from "@/lib/client/billing/use-invoice-chain";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// 「ハッシュチェーンを検証」: the server recomputes every entry of the archive's chain and hashes
// every stored PDF and document again; the result says plainly whether anything was altered.

export function ChainVerification() {
  const t = useTranslations("billing.archive.chain");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const [asked, setAsked] = useState(false);
  const verification = useInvoiceChainVerification(asked);
  const result = verification.data;
  return (
    <Card>
      <CardHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button onClick={() => (asked ? void verification.refetch() : setAsked(true))} disabled={verification.isFetching}>
            {verification.isFetching ? t("verifying") : t("verify")}
          </Button>
        }
      />
      <CardBody>
        {verification.error ? (
          <p role="alert" className="text-sm text-red-800">{errorMessage(verification.error)}</p>
        ) : !result ? (
          <p className="text-sm text-muted">{t("notYet")}</p>
        ) : (
          <div role="status" data-testid="chain-result" className="space-y-2">
            <p className={`flex items-center gap-2 text-sm font-semibold ${result.valid ? "text-green-800" : "text-red-800"}`}>
              {result.valid ? <ShieldCheck className="size-5" aria-hidden /> : <ShieldAlert className="size-5" aria-hidden />}
              {result.valid ? t("valid", { entries: result.entries }) : t("invalid", { problems: result.problems.length })}
            </p>
            <p className="text-xs text-muted">
              {t("head")} <span className="break-all font-mono">{result.headHash}</span>
            </p>
            <p className="text-xs text-muted">{t("verifiedAt", { at: formatDateTime(result.verifiedAt, locale) })}</p>
            {result.problems.length > 0 ? (
              <ul className="list-disc pl-5 text-sm text-red-800">
                {result.problems.map((p, i) => (
                  <li key={i}>{t("problem", { seq: p.seq ?? "—", number: p.invoiceNumber ?? t("otherCustomer"), reason: t(`reasons.${p.reason}`) })}</li>
                ))}
              </ul>
            ) : null}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
