"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { UserPlus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useInvitations, useMembers, useRemoveMember, useRevokeInvitation, useUpdateMemberRole } from "@/lib/client/settings/use-members";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { Member } from "@/lib/domain/orgs";
import { isOrgRole, ORG_ROLES, roleWithin, type OrgRole } from "@/lib/domain/permissions";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { InviteMemberDialog } from "./invite-member-dialog";
import { RolePermissionMatrix } from "./role-permission-matrix";

/** `initialMembers`: the list the server page read, for the first paint. */
export function MembersPanel({ initialMembers }: { initialMembers?: Member[] }) {
  const { slug, role, userId } = useOrg();
  const canWrite = useCan("members.write");
  const myRole: OrgRole | null = isOrgRole(role) ? role : null;
  const t = useTranslations("settings.members");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const members = useMembers(slug, initialMembers);
  const invitations = useInvitations(slug, canWrite);
  const updateRole = useUpdateMemberRole(slug);
  const remove = useRemoveMember(slug);
  const revoke = useRevokeInvitation(slug);
  const [inviteOpen, setInviteOpen] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);

  const changeRole = (member: Member, next: OrgRole) =>
    updateRole.mutate({ userId: member.userId, role: next }, { onSuccess: () => toast.success(t("roleChanged")), onError: (e) => toast.error(errorMessage(e)) });

  const pending = (invitations.data ?? []).filter((i) => i.status === "pending");

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title={t("description")}
          actions={
            canWrite && myRole ? (
              <Button onClick={() => setInviteOpen(true)}>
                <UserPlus className="size-4" aria-hidden />
                {t("invite")}
              </Button>
            ) : null
          }
        />
        {members.isLoading ? (
          <CardBody className="space-y-2">
            <Skeleton className="h-8 w-full" />
            <Skeleton className="h-8 w-full" />
          </CardBody>
        ) : members.error ? (
          <CardBody>
            <p role="alert" className="text-sm text-red-800">{errorMessage(members.error)}</p>
          </CardBody>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>{tc("name")}</Th>
                <Th>{tc("email")}</Th>
                <Th>{tc("role")}</Th>
                <Th>{t("joined")}</Th>
                {canWrite ? <Th className="text-right">{tc("actions")}</Th> : null}
              </tr>
            </thead>
            <tbody>
              {(members.data ?? []).map((m) => {
                const editable = canWrite && myRole && (myRole === "owner" || m.role !== "owner");
                return (
                  <tr key={m.userId} data-testid="member-row">
                    <Td>
                      {m.name} {m.userId === userId ? <span className="text-muted">{t("you")}</span> : null}
                    </Td>
                    <Td className="text-muted">{m.email}</Td>
                    <Td>
                      {editable ? (
                        <select
                          aria-label={t("changeRole", { name: m.name })}
                          className="rounded border border-line bg-white px-2 py-1 text-sm"
                          value={m.role}
                          disabled={updateRole.isPending}
                          onChange={(e) => changeRole(m, e.target.value as OrgRole)}
                        >
                          {ORG_ROLES.filter((r) => myRole === "owner" || (r !== "owner" && roleWithin(r, myRole))).map((r) => (
                            <option key={r} value={r}>
                              {tc(`roles.${r}`)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <Badge tone={m.role === "owner" ? "info" : "neutral"}>{tc(`roles.${m.role}`)}</Badge>
                      )}
                    </Td>
                    <Td className="text-muted">{formatDate(m.joinedAt, locale)}</Td>
                    {canWrite ? (
                      <Td className="text-right">
                        {editable ? (
                          <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setRemoving(m)}>
                            {t("remove")}
                          </Button>
                        ) : null}
                      </Td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </Card>

      {canWrite && pending.length > 0 ? (
        <Card>
          <CardHeader title={t("pendingInvitations")} />
          <Table>
            <thead>
              <tr>
                <Th>{tc("email")}</Th>
                <Th>{tc("role")}</Th>
                <Th>{t("expires")}</Th>
                <Th className="text-right">{tc("actions")}</Th>
              </tr>
            </thead>
            <tbody>
              {pending.map((i) => (
                <tr key={i.id}>
                  <Td>{i.email}</Td>
                  <Td>{tc(`roles.${i.role}`)}</Td>
                  <Td className="text-muted">{formatDateTime(i.expiresAt, locale)}</Td>
                  <Td className="text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => revoke.mutate(i.id, { onSuccess: () => toast.success(t("invitationRevoked")), onError: (e) => toast.error(errorMessage(e)) })}
                    >
                      {t("revokeInvitation")}
                    </Button>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      ) : null}

      <Card>
        <CardHeader title={t("permissionsTable")} />
        <RolePermissionMatrix />
      </Card>

      {myRole ? <InviteMemberDialog slug={slug} myRole={myRole} open={inviteOpen} onOpenChange={setInviteOpen} /> : null}
      <ConfirmDialog
        open={removing !== null}
        onCancel={() => setRemoving(null)}
        title={removing ? t("removeTitle", { name: removing.name }) : ""}
        description={t("removeDescription")}
        confirmLabel={t("remove")}
        cancelLabel={tc("cancel")}
        closeLabel={tc("close")}
        pending={remove.isPending}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.userId, {
            onSuccess: () => {
              toast.success(t("removed"));
              setRemoving(null);
            },
            onError: (e) => toast.error(errorMessage(e)),
          })
        }
      />
    </div>
  );
}
