"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { useCreateInvitation } from "@/lib/client/settings/use-members";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { ORG_ROLES, roleWithin, type OrgRole } from "@/lib/domain/permissions";

export function InviteMemberDialog({ slug, myRole, open, onOpenChange }: { slug: string; myRole: OrgRole; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("settings.members");
  const tc = useTranslations("common");
  const errorMessage = useErrorMessage();
  const create = useCreateInvitation(slug);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<OrgRole>("developer");
  // The link itself goes to the invitee's mailbox only; the inviter learns that it was sent.
  const [sentTo, setSentTo] = useState<string | null>(null);

  const close = (next: boolean) => {
    if (!next) {
      setEmail("");
      setSentTo(null);
      create.reset();
    }
    onOpenChange(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invitation = await create.mutateAsync({ email, role }).catch(() => null);
    if (invitation) setSentTo(invitation.email);
  };

  return (
    <Dialog open={open} onOpenChange={close} title={sentTo ? t("inviteCreated") : t("inviteTitle")} description={sentTo ? undefined : t("inviteDescription")} closeLabel={tc("close")}>
      {sentTo ? (
        <div className="space-y-2">
          <p role="status" className="text-sm">
            {t("inviteSentBody", { email: sentTo })}
          </p>
          <div className="flex justify-end pt-2">
            <Button onClick={() => close(false)}>{tc("close")}</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4">
          {create.error ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {errorMessage(create.error)}
            </p>
          ) : null}
          <TextField label={tc("email")} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
          <SelectField label={tc("role")} value={role} onChange={(e) => setRole(e.target.value as OrgRole)}>
            {ORG_ROLES.filter((r) => roleWithin(r, myRole)).map((r) => (
              <option key={r} value={r}>
                {tc(`roles.${r}`)}
              </option>
            ))}
          </SelectField>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => close(false)}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={create.isPending || !email}>
              {t("inviteSend")}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
