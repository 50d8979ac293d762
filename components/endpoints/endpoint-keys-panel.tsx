"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { KeyRound, Plus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopySecret } from "@/components/ui/copy-secret";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useCreateEndpointApiKey, useEndpointApiKeys, useRevokeEndpointApiKey } from "@/lib/client/endpoints/use-endpoint-keys";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { EndpointKey, EndpointView } from "@/lib/domain/endpoints";
import { formatDateTime, formatNumber, formatRelative } from "@/lib/i18n/format";
import { EndpointKeyUsageDialog } from "./endpoint-key-usage-dialog";
import type { Locale } from "@/lib/i18n/locales";

export function EndpointKeysPanel({ endpoint }: { endpoint: EndpointView }) {
  const t = useTranslations("endpoints.keys");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const { slug } = useOrg();
  const canManage = useCan("endpoints.keys");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const keys = useEndpointApiKeys(slug, endpoint.id);
  const create = useCreateEndpointApiKey(slug, endpoint.id);
  const revoke = useRevokeEndpointApiKey(slug, endpoint.id);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<EndpointKey | null>(null);
  const [usageOf, setUsageOf] = useState<string | null>(null);
  const usageKey = (keys.data ?? []).find((k) => k.id === usageOf) ?? null;
  const origin = typeof window === "undefined" ? "" : window.location.origin;

  const close = (next: boolean) => {
    if (!next) {
      setName("");
      setSecret(null);
      create.reset();
    }
    setOpen(next);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = await create.mutateAsync(name.trim()).catch(() => null);
    if (key) setSecret(key.secret);
  };

  const createButton = canManage && endpoint.status !== "deleting" ? (
    <Button onClick={() => setOpen(true)}>
      <Plus className="size-4" aria-hidden />
      {t("create")}
    </Button>
  ) : null;

  return (
    <>
      {keys.isLoading ? (
        <Skeleton className="h-24 w-full" />
      ) : keys.error ? (
        <p role="alert" className="text-sm text-red-800">{errorMessage(keys.error)}</p>
      ) : (keys.data ?? []).length === 0 ? (
        <EmptyState icon={<KeyRound className="size-8" />} title={t("empty")} description={t("emptyBody")} action={createButton} />
      ) : (
        <Card>
          <CardHeader title={t("title")} description={t("description")} actions={createButton} />
          <Table>
            <thead>
              <tr>
                <Th>{t("name")}</Th>
                <Th>{t("prefix")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("lastUsed")}</Th>
                <Th numeric>{t("monthTokens")}</Th>
                <Th>{t("createdAt")}</Th>
                <Th className="text-right">{tc("actions")}</Th>
              </tr>
            </thead>
            <tbody>
              {(keys.data ?? []).map((key) => (
                <tr key={key.id} data-testid="endpoint-key-row">
                  <Td className="font-medium">{key.name}</Td>
                  <Td className="font-mono text-xs">{key.prefix}…</Td>
                  <Td>
                    <Badge tone={key.revokedAt ? "danger" : "success"}>{key.revokedAt ? t("revoked") : t("active")}</Badge>
                  </Td>
                  <Td className="text-muted" title={key.lastUsedAt ? formatDateTime(key.lastUsedAt, locale) : undefined}>
                    {key.lastUsedAt ? formatRelative(key.lastUsedAt, locale) : tc("never")}
                  </Td>
                  <Td numeric data-testid="endpoint-key-month-tokens">
                    {formatNumber(key.monthToDate.inputTokens + key.monthToDate.outputTokens, locale)}
                    {key.monthlyTokenBudget !== null ? <span className="text-muted"> / {formatNumber(key.monthlyTokenBudget, locale)}</span> : null}
                  </Td>
                  <Td className="text-muted">{formatDateTime(key.createdAt, locale)}</Td>
                  <Td className="text-right">
                    <Button variant="ghost" size="sm" onClick={() => setUsageOf(key.id)}>
                      {t("usage")}
                    </Button>
                    {canManage ? (
                      !key.revokedAt ? (
                        <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setRevoking(key)}>
                          {t("revoke")}
                        </Button>
                      ) : null
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      )}
      <Dialog open={open} onOpenChange={close} title={secret ? t("createdTitle") : t("createTitle")} description={secret ? tc("shownOnce") : t("description")} closeLabel={tc("close")} wide>
        {secret ? (
          <div className="space-y-4">
            <CopySecret value={secret} filename={`hinoki-endpoint-${endpoint.name}-${name || "key"}.txt`} labels={{ copy: tc("copy"), copied: tc("copied"), download: tc("download") }} />
            <pre tabIndex={0} className="focus-visible:outline-2 focus-visible:outline-brand-600 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{`curl ${origin}${endpoint.basePath}/models \\\n  -H "Authorization: Bearer ${secret.slice(0, 12)}…"`}</pre>
            <div className="flex justify-end">
              <Button onClick={() => close(false)}>{tc("close")}</Button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-4">
            {create.error ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{errorMessage(create.error)}</p> : null}
            <TextField label={t("name")} hint={t("nameHint")} value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} autoComplete="off" />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => close(false)}>{tc("cancel")}</Button>
              <Button type="submit" disabled={create.isPending || !name.trim()}>{t("create")}</Button>
            </div>
          </form>
        )}
      </Dialog>
      {usageKey ? <EndpointKeyUsageDialog slug={slug} endpointId={endpoint.id} apiKey={usageKey} canManage={canManage} onClose={() => setUsageOf(null)} /> : null}
      <ConfirmDialog
        open={revoking !== null}
        onCancel={() => setRevoking(null)}
        title={revoking ? t("revokeTitle", { name: revoking.name }) : ""}
        description={t("revokeDescription")}
        confirmLabel={t("revoke")}
        cancelLabel={tc("cancel")}
        closeLabel={tc("close")}
        pending={revoke.isPending}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              toast.success(t("revokedToast"));
              setRevoking(null);
            },
            onError: (e) => toast.error(errorMessage(e)),
          })
        }
      />
    </>
  );
}
