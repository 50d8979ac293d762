"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { useAccountDomains, useRemoveAccountDomain, useVerifyAccountDomain } from "@/lib/client/staff/use-account-domains";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

/** The account's verified e-mail domains: what its own identity provider may vouch for. */
export function AccountDomains({ slug }: { slug: string }) {
  const t = useTranslations("sso.staff");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const domains = useAccountDomains(slug);
  const verify = useVerifyAccountDomain(slug);
  const remove = useRemoveAccountDomain(slug);
  const [domain, setDomain] = useState("");
  const [removing, setRemoving] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await verify.mutateAsync(domain.trim());
      setDomain("");
      toast.success(t("added"));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody className="space-y-4">
        <form onSubmit={submit} className="flex items-end gap-2">
          <TextField className="flex-1" label={t("domain")} placeholder={t("placeholder")} value={domain} onChange={(e) => setDomain(e.target.value)} maxLength={253} autoComplete="off" />
          <Button type="submit" disabled={verify.isPending || !domain.includes(".")}>
            {t("add")}
          </Button>
        </form>
        {domains.isLoading ? (
          <Skeleton className="h-10 w-full" />
        ) : domains.error ? (
          <p role="alert" className="text-sm text-red-800">
            {errorMessage(domains.error)}
          </p>
        ) : (domains.data ?? []).length === 0 ? (
          <p className="text-sm text-muted">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-line">
            {(domains.data ?? []).map((d) => (
              <li key={d.domain} className="flex items-center justify-between gap-3 py-2" data-testid="account-domain">
                <div>
                  <span className="font-mono text-sm">{d.domain}</span>{" "}
                  <Badge tone={d.identityProviderId ? "success" : "neutral"}>{d.identityProviderId ? t("boundTo") : t("notBound")}</Badge>
                  <p className="text-xs text-muted">{formatDateTime(d.verifiedAt, locale)}</p>
                </div>
                <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setRemoving(d.domain)}>
                  {t("remove")}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
      <ConfirmDialog
        open={removing !== null}
        onCancel={() => setRemoving(null)}
        title={removing ? t("removeTitle", { domain: removing }) : ""}
        description={t("removeDescription")}
        confirmLabel={t("remove")}
        cancelLabel={tc("cancel")}
        closeLabel={tc("close")}
        pending={remove.isPending}
        onConfirm={() =>
          removing &&
          remove.mutate(removing, {
            onSuccess: () => {
              toast.success(t("removed"));
              setRemoving(null);
            },
            onError: (e) => toast.error(errorMessage(e)),
          })
        }
      />
    </Card>
  );
}
