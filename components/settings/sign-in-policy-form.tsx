"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { ApiError } from "@/lib/client/api-fetch";
import { useSignInPolicy, useUpdateSignInPolicy } from "@/lib/client/security/use-sign-in-policy";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { POLICY_WOULD_LOCK_OUT, SIGN_IN_REQUIREMENTS, type SignInPolicy, type SignInRequirement } from "@/lib/domain/sign-in-policy";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

/** The org's sign-in policy: the owner chooses (with a confirmation saying who it will stop); everyone else reads it. */
export function SignInPolicyForm({ initial }: { initial: SignInPolicy }) {
  const { slug } = useOrg();
  const canWrite = useCan("sign_in_policy.write");
  const t = useTranslations("security.policy");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const policy = useSignInPolicy(slug, initial);
  const update = useUpdateSignInPolicy(slug);
  const current = policy.data ?? initial;
  const [selected, setSelected] = useState<SignInRequirement>(current.requirement);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setConfirming(true);
  };

  const save = () => {
    update.mutate(selected, {
      onSuccess: () => {
        setConfirming(false);
        toast.success(t("saved"));
      },
      onError: (e) => {
        setConfirming(false);
        setError(e instanceof ApiError && e.details?.reason === POLICY_WOULD_LOCK_OUT ? t("lockedOut") : errorMessage(e));
      },
    });
  };

  return (
    <form onSubmit={submit} className="space-y-5" noValidate aria-label={t("title")}>
      <fieldset disabled={!canWrite} className="space-y-2">
        <legend className="sr-only">{t("title")}</legend>
        {SIGN_IN_REQUIREMENTS.map((requirement) => (
          <label key={requirement} className="flex cursor-pointer items-start gap-3 rounded-md border border-line p-3 hover:bg-canvas has-[:checked]:border-brand-500">
            <input
              type="radio"
              name="requirement"
              className="mt-1 size-4"
              value={requirement}
              checked={selected === requirement}
              onChange={() => {
                setSelected(requirement);
                setError(null);
              }}
            />
            <span>
              <span className="block text-sm font-medium text-ink">{t(requirement)}</span>
              <span className="block text-xs text-muted">{t(`${requirement}Hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="text-sm text-muted" data-testid="members-without-mfa">
        {t("membersWithoutMfa", { count: current.membersWithoutMfa })}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div className="flex items-center justify-between gap-4">
        <p className="text-xs text-muted">{canWrite ? (current.updatedAt ? t("updated", { at: formatDateTime(current.updatedAt, locale) }) : null) : t("ownerOnly")}</p>
        {canWrite ? (
          <Button type="submit" disabled={selected === current.requirement || update.isPending}>
            {update.isPending ? t("saving") : t("save")}
          </Button>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        onCancel={() => setConfirming(false)}
        title={t("confirmTitle")}
        description={selected === "mfa" ? t("confirmMfa", { count: current.membersWithoutMfa }) : selected === "sso" ? t("confirmSso") : t("confirmNone")}
        confirmLabel={t("confirm")}
        cancelLabel={t("cancel")}
        closeLabel={t("close")}
        pending={update.isPending}
        onConfirm={save}
        tone={selected === "none" ? "danger" : "primary"}
      />
    </form>
  );
}
