"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { KeyRound, Plus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useDeleteIdentityProvider, useIdentityProviders } from "@/lib/client/settings/use-identity-providers";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { IdentityProvider } from "@/lib/domain/sso";
import { IdentityProviderDialog } from "./identity-provider-dialog";

/** Settings → シングルサインオン: the org's own identity providers (owner only). */
export function SsoPanel() {
  const { slug } = useOrg();
  const canManage = useCan("sso.manage");
  const t = useTranslations("sso.settings");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const providers = useIdentityProviders(slug);
  const remove = useDeleteIdentityProvider(slug);
  const [dialog, setDialog] = useState<{ editing: IdentityProvider | null } | null>(null);
  const [deleting, setDeleting] = useState<IdentityProvider | null>(null);

  if (!canManage) return <p className="text-sm text-muted">{t("ownerOnly")}</p>;
  if (providers.isLoading) return <Skeleton className="h-32 w-full" />;
  if (providers.error) return <p role="alert" className="text-sm text-red-800">{errorMessage(providers.error)}</p>;

  const { items, verifiedDomains } = providers.data ?? { items: [], verifiedDomains: [] };
  const free = verifiedDomains.some((d) => d.identityProviderId === null);
  const addButton = free ? (
    <Button onClick={() => setDialog({ editing: null })}>
      <Plus className="size-4" aria-hidden />
      {t("add")}
    </Button>
  ) : null;
  const origin = typeof window === "undefined" ? "" : window.location.origin;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title={t("verifiedDomains")} description={t("description")} />
        <CardBody>
          {verifiedDomains.length === 0 ? (
            <p className="text-sm text-muted">{t("noDomains")}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {verifiedDomains.map((d) => (
                <li key={d.domain} className="flex items-center gap-2" data-testid="verified-domain">
                  <span className="font-mono">{d.domain}</span>
                  <span className="text-muted">— {items.find((i) => i.id === d.identityProviderId)?.name ?? t("unbound")}</span>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
      {items.length === 0 ? (
        <EmptyState icon={<KeyRound className="size-8" />} title={t("empty")} description={t("emptyBody")} action={addButton} />
      ) : (
        <Card>
          <CardHeader title={t("tab")} actions={addButton} />
          <ul className="divide-y divide-line">
            {items.map((idp) => (
              <li key={idp.id} className="space-y-2 px-5 py-4" data-testid="identity-provider">
                <div className="flex items-start justify-between gap-4">
                  <div>
                    <p className="font-medium">{idp.name}</p>
                    <p className="font-mono text-xs text-muted">{idp.issuer}</p>
                  </div>
                  <div className="flex gap-2">
                    <Button variant="secondary" size="sm" onClick={() => setDialog({ editing: idp })}>
                      {t("edit")}
                    </Button>
                    <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setDeleting(idp)}>
                      {t("delete")}
                    </Button>
                  </div>
                </div>
                <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt className="text-muted">{t("clientId")}</dt>
                  <dd className="font-mono text-xs">{idp.clientId}</dd>
                  <dt className="text-muted">{t("clientSecret")}</dt>
                  <dd>{t("secretStored")}</dd>
                  <dt className="text-muted">{t("domains")}</dt>
                  <dd className="flex flex-wrap gap-1">
                    {idp.domains.map((d) => (
                      <Badge key={d}>{d}</Badge>
                    ))}
                  </dd>
                  <dt className="text-muted">{t("jitRole")}</dt>
                  <dd>{idp.jitRole ? tc(`roles.${idp.jitRole}`) : t("jitNone")}</dd>
                  <dt className="text-muted">{t("redirectUri")}</dt>
                  <dd className="break-all font-mono text-xs" data-testid="redirect-uri">
                    {origin}
                    {idp.redirectPath}
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {dialog ? (
        <IdentityProviderDialog
          key={dialog.editing?.id ?? "new"}
          slug={slug}
          open
          onOpenChange={(open) => (open ? undefined : setDialog(null))}
          editing={dialog.editing}
          verifiedDomains={verifiedDomains}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        onCancel={() => setDeleting(null)}
        title={deleting ? t("deleteTitle", { name: deleting.name }) : ""}
        description={t("deleteDescription")}
        confirmLabel={t("delete")}
        cancelLabel={tc("cancel")}
        closeLabel={tc("close")}
        pending={remove.isPending}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast.success(t("deleted"));
              setDeleting(null);
            },
            onError: (e) => toast.error(errorMessage(e)),
          })
        }
      />
    </div>
  );
}
