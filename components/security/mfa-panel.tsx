"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ShieldCheck, ShieldOff } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import type { MfaStatus, TotpSetup as TotpSetupData } from "@/lib/domain/mfa";
import { useMfaStatus, useRegenerateRecoveryCodes, useRemoveTotp, useStartTotpSetup } from "@/lib/client/security/use-mfa";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { MfaProofDialog } from "./mfa-proof-dialog";
import { RecoveryCodesOnce } from "./recovery-codes-once";
import { SignInAgainButton } from "./sign-in-again-button";
import { TotpSetup } from "./totp-setup";

/**
 * The person's own second factor: set up (secret + QR, confirmed by a code), recovery codes shown
 * once, renewal and removal with fresh proof. `sessionHasOtp`: whether this session signed in
 * with a code — if not while MFA is on, the way on is to sign in again.
 */
export function MfaPanel({ initial, sessionHasOtp, continueTo }: { initial: MfaStatus; sessionHasOtp: boolean; continueTo: string }) {
  const t = useTranslations("security.totp");
  const tp = useTranslations("security");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const status = useMfaStatus(initial);
  const start = useStartTotpSetup();
  const remove = useRemoveTotp();
  const regenerate = useRegenerateRecoveryCodes();
  const [setup, setSetup] = useState<TotpSetupData | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<"disable" | "regenerate" | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const current = status.data ?? initial;

  if (!current.available) return <p className="text-sm text-muted">{t("ssoOnly")}</p>;

  const closeDialog = () => {
    setDialog(null);
    setDialogError(null);
  };

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-3">
        {current.totp.enabled ? (
          <Badge tone="success">
            <ShieldCheck className="size-3" aria-hidden />
            {t("statusOn")}
          </Badge>
        ) : (
          <Badge tone="warning">
            <ShieldOff className="size-3" aria-hidden />
            {t("statusOff")}
          </Badge>
        )}
        {current.totp.enabledAt ? <span className="text-sm text-muted">{t("enabledSince", { at: formatDateTime(current.totp.enabledAt, locale) })}</span> : null}
      </div>

      {codes ? (
        <div className="space-y-3">
          <RecoveryCodesOnce codes={codes} />
          {sessionHasOtp ? (
            <Button variant="secondary" onClick={() => setCodes(null)}>
              {t("savedCodes")}
            </Button>
          ) : (
            <div className="space-y-2">
              <p className="text-sm text-ink">{tp("signInAgainNeeded")}</p>
              <SignInAgainButton label={tp("signInAgain")} callbackUrl={continueTo} />
            </div>
          )}
        </div>
      ) : current.totp.enabled ? (
        <div className="space-y-4">
          {!sessionHasOtp ? (
            <div className="space-y-2 rounded-md border border-sky-200 bg-sky-50 p-3" role="status">
              <p className="text-sm text-sky-900">{tp("signInAgainNeeded")}</p>
              <SignInAgainButton label={tp("signInAgain")} callbackUrl={continueTo} />
            </div>
          ) : null}
          <p className="text-sm text-ink" data-testid="recovery-remaining">
            {t("recoveryRemaining", { count: current.recoveryCodesRemaining })}
          </p>
          {current.recoveryCodesRemaining <= 3 ? <p className="text-sm text-amber-800">{t("recoveryLow")}</p> : null}
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => setDialog("regenerate")}>
              {t("regenerate")}
            </Button>
            <Button variant="ghost" className="text-red-700" onClick={() => setDialog("disable")}>
              {t("disable")}
            </Button>
          </div>
        </div>
      ) : setup ? (
        <TotpSetup
          setup={setup}
          onCancel={() => setSetup(null)}
          onEnabled={(recoveryCodes) => {
            setSetup(null);
            setCodes(recoveryCodes);
            toast.success(t("enabledToast"));
          }}
        />
      ) : (
        <Button onClick={() => start.mutate(undefined, { onSuccess: setSetup, onError: (e) => toast.error(errorMessage(e)) })} disabled={start.isPending}>
          {start.isPending ? t("starting") : t("setUp")}
        </Button>
      )}

      <MfaProofDialog
        key={dialog ?? "closed"}
        open={dialog !== null}
        onCancel={closeDialog}
        title={dialog === "disable" ? t("disableTitle") : t("regenerateTitle")}
        description={dialog === "disable" ? t("disableDescription") : t("regenerateDescription")}
        tone={dialog === "disable" ? "danger" : "primary"}
        pending={remove.isPending || regenerate.isPending}
        error={dialogError}
        onSubmit={(proof) => {
          setDialogError(null);
          if (dialog === "disable") {
            remove.mutate(proof, {
              onSuccess: () => {
                closeDialog();
                toast.success(t("disabledToast"));
              },
              onError: (e) => setDialogError(errorMessage(e)),
            });
          } else {
            regenerate.mutate(proof, {
              onSuccess: ({ recoveryCodes }) => {
                closeDialog();
                setCodes(recoveryCodes);
              },
              onError: (e) => setDialogError(errorMessage(e)),
            });
          }
        }}
      />
    </div>
  );
}
