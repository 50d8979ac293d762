"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { TotpSetup as TotpSetupData } from "@/lib/domain/mfa";
import { useConfirmTotpSetup } from "@/lib/client/security/use-mfa";
import { useErrorMessage } from "@/lib/client/use-error-message";

/** Step two of setup: scan (the QR code is an SVG drawn by our server, shown as a data: URL), then confirm with a code. */
export function TotpSetup({ setup, onEnabled, onCancel }: { setup: TotpSetupData; onEnabled: (recoveryCodes: string[]) => void; onCancel: () => void }) {
  const t = useTranslations("security.totp");
  const errorMessage = useErrorMessage();
  const confirm = useConfirmTotpSetup();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    confirm.mutate(code.trim(), {
      onSuccess: ({ recoveryCodes }) => onEnabled(recoveryCodes),
      onError: (e) => {
        setError(errorMessage(e));
        setCode("");
      },
    });
  };
  return (
    <div className="space-y-4" data-testid="totp-setup">
      <p className="text-sm text-ink">{t("scan")}</p>
      <div className="flex flex-wrap items-start gap-6">
        <img src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`} alt={t("qrAlt")} width={176} height={176} className="rounded border border-line bg-white p-1" />
        <div className="min-w-0 flex-1 space-y-2">
          <p className="text-xs font-medium text-muted">{t("secretLabel")}</p>
          <p className="break-all font-mono text-sm tracking-wider" data-testid="totp-secret">
            {setup.secret.match(/.{1,4}/g)?.join(" ")}
          </p>
          <details className="text-xs text-muted">
            <summary className="cursor-pointer">{t("uriLabel")}</summary>
            <p className="mt-1 break-all font-mono" data-testid="totp-uri">
              {setup.otpauthUri}
            </p>
          </details>
        </div>
      </div>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <p className="text-sm text-ink">{t("enterCode")}</p>
        <TextField
          label={t("code")}
          hint={t("codeHint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
          error={error ?? undefined}
          className="max-w-xs"
        />
        <div className="flex gap-2">
          <Button type="submit" disabled={confirm.isPending || code.length !== 6}>
            {confirm.isPending ? t("enabling") : t("enable")}
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t("cancel")}
          </Button>
        </div>
      </form>
    </div>
  );
}
