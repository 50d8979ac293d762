"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { CopySecret } from "@/components/ui/copy-secret";
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
  const [link, setLink] = useState<string | null>(null);

  const close = (next: boolean) => {
    if (!next) {
      setEmail("");
      setLink(null);
      create.reset();
    }
    onOpenChange(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invitation = await create.mutateAsync({ email, role }).catch(() => null);
    if (invitation) setLink(`${window.location.origin}${invitation.acceptUrl}`);
  };

  return (
    <Dialog open={open} onOpenChange={close} title={link ? t("inviteCreated") : t("inviteTitle")} description={link ? tc("shownOnce") : t("inviteDescription")} closeLabel={tc("close")}>
      {link ? (
        <div className="space-y-2">
          <p className="text-sm font-medium">{t("inviteLinkLabel")}</p>
          <CopySecret value={link} labels={{ copy: tc("copy"), copied: tc("copied"), download: tc("download") }} />
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
