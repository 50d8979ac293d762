"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { CopySecret } from "@/components/ui/copy-secret";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { useCreateApiToken } from "@/lib/client/settings/use-api-tokens";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { ORG_ROLES, roleWithin, type OrgRole } from "@/lib/domain/permissions";

const EXPIRY_CHOICES = [30, 90, 180, 365] as const;

export function CreateApiTokenDialog({ slug, myRole, open, onOpenChange }: { slug: string; myRole: OrgRole; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("settings.tokens");
  const tc = useTranslations("common");
  const errorMessage = useErrorMessage();
  const create = useCreateApiToken(slug);
  const [name, setName] = useState("");
  const [role, setRole] = useState<OrgRole>(roleWithin("developer", myRole) ? "developer" : "viewer");
  const [expiry, setExpiry] = useState<string>("90");
  const [secret, setSecret] = useState<string | null>(null);

  const close = (next: boolean) => {
    if (!next) {
      setName("");
      setSecret(null);
      create.reset();
    }
    onOpenChange(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const token = await create.mutateAsync({ name, role, expiresInDays: expiry === "never" ? null : Number(expiry) }).catch(() => null);
    if (token) setSecret(token.secret);
  };

  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <Dialog open={open} onOpenChange={close} title={secret ? t("createdTitle") : t("createTitle")} description={secret ? tc("shownOnce") : t("description")} closeLabel={tc("close")} wide>
      {secret ? (
        <div className="space-y-4">
          <CopySecret value={secret} filename={`hinoki-token-${name}.txt`} labels={{ copy: tc("copy"), copied: tc("copied"), download: tc("download") }} />
          <div>
            <p className="mb-1 text-sm font-medium">{t("usage")}</p>
            <pre tabIndex={0} className="focus-visible:outline-2 focus-visible:outline-brand-600 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{`curl -H "Authorization: Bearer ${secret.slice(0, 10)}…" \\\n  ${origin}/api/v1/me`}</pre>
          </div>
          <div className="flex justify-end">
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
          <TextField label={t("name")} hint={t("nameHint")} value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} autoComplete="off" />
          <SelectField label={t("role")} hint={t("roleHint")} value={role} onChange={(e) => setRole(e.target.value as OrgRole)}>
            {ORG_ROLES.filter((r) => roleWithin(r, myRole)).map((r) => (
              <option key={r} value={r}>
                {tc(`roles.${r}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("expiry")} value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {EXPIRY_CHOICES.map((d) => (
              <option key={d} value={String(d)}>
                {t("expiryDays", { days: d })}
              </option>
            ))}
            <option value="never">{t("expiryNever")}</option>
          </SelectField>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => close(false)}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={create.isPending || !name.trim()}>
              {t("create")}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
