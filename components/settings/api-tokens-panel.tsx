"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { KeyRound, Plus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useApiTokens, useRevokeApiToken } from "@/lib/client/settings/use-api-tokens";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { ApiToken } from "@/lib/domain/api-tokens";
import { isOrgRole } from "@/lib/domain/permissions";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { CreateApiTokenDialog } from "./create-api-token-dialog";

function tokenState(token: ApiToken): "active" | "revoked" | "expired" {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && new Date(token.expiresAt) <= new Date()) return "expired";
  return "active";
}

export function ApiTokensPanel() {
  const { slug, role } = useOrg();
  const canWrite = useCan("tokens.write");
  const t = useTranslations("settings.tokens");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const tokens = useApiTokens(slug);
  const revoke = useRevokeApiToken(slug);
  const [createOpen, setCreateOpen] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const myRole = isOrgRole(role) ? role : null;

  const createButton =
    canWrite && myRole ? (
      <Button onClick={() => setCreateOpen(true)}>
        <Plus className="size-4" aria-hidden />
        {t("create")}
      </Button>
    ) : null;

  return (
    <>
      {tokens.isLoading ? (
        <Card>
          <CardBody className="space-y-2">
            <Skeleton className="h-8 w-full" />
            <Skeleton className="h-8 w-full" />
          </CardBody>
        </Card>
      ) : tokens.error ? (
        <p role="alert" className="text-sm text-red-800">{errorMessage(tokens.error)}</p>
      ) : (tokens.data ?? []).length === 0 ? (
        <EmptyState icon={<KeyRound className="size-8" />} title={t("empty")} description={t("emptyBody")} action={createButton} />
      ) : (
        <Card>
          <CardHeader title={t("description")} actions={createButton} />
          <Table>
            <thead>
              <tr>
                <Th>{t("name")}</Th>
                <Th>{t("prefix")}</Th>
                <Th>{tc("role")}</Th>
                <Th>{tc("status")}</Th>
                <Th>{t("lastUsed")}</Th>
                <Th>{t("expiresAt")}</Th>
                {canWrite ? <Th className="text-right">{tc("actions")}</Th> : null}
              </tr>
            </thead>
            <tbody>
              {(tokens.data ?? []).map((token) => {
                const state = tokenState(token);
                return (
                  <tr key={token.id} data-testid="token-row">
                    <Td className="font-medium">{token.name}</Td>
                    <Td className="font-mono text-xs">{token.prefix}…</Td>
                    <Td>{tc(`roles.${token.role}`)}</Td>
                    <Td>
                      <Badge tone={state === "active" ? "success" : state === "revoked" ? "danger" : "warning"}>
                        {t(state === "active" ? "statusActive" : state === "revoked" ? "statusRevoked" : "statusExpired")}
                      </Badge>
                    </Td>
                    <Td className="text-muted" title={token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : undefined}>
                      {token.lastUsedAt ? formatRelative(token.lastUsedAt, locale) : tc("never")}
                    </Td>
                    <Td className="text-muted">{token.expiresAt ? formatDateTime(token.expiresAt, locale) : tc("never")}</Td>
                    {canWrite ? (
                      <Td className="text-right">
                        {state === "active" ? (
                          <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setRevoking(token)}>
                            {t("revoke")}
                          </Button>
                        ) : null}
                      </Td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </Card>
      )}
      {myRole ? <CreateApiTokenDialog slug={slug} myRole={myRole} open={createOpen} onOpenChange={setCreateOpen} /> : null}
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
              toast.success(t("revoked"));
              setRevoking(null);
            },
            onError: (e) => toast.error(errorMessage(e)),
          })
        }
      />
    </>
  );
}
