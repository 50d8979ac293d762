"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { useCreateIdentityProvider, useUpdateIdentityProvider } from "@/lib/client/settings/use-identity-providers";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { JIT_ROLES, type IdentityProvider, type OrgDomain } from "@/lib/domain/sso";

type JitChoice = "" | (typeof JIT_ROLES)[number];

/** Add or edit an org provider. The secret is write-only: editing leaves it empty unless replaced. */
export function IdentityProviderDialog({
  slug,
  open,
  onOpenChange,
  editing,
  verifiedDomains,
}: {
  slug: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  editing: IdentityProvider | null;
  verifiedDomains: OrgDomain[];
}) {
  const t = useTranslations("sso.settings");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const create = useCreateIdentityProvider(slug);
  const update = useUpdateIdentityProvider(slug);
  const [name, setName] = useState(editing?.name ?? "");
  const [issuer, setIssuer] = useState(editing?.issuer ?? "");
  const [clientId, setClientId] = useState(editing?.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [domains, setDomains] = useState<string[]>(editing?.domains ?? []);
  const [jitRole, setJitRole] = useState<JitChoice>(editing?.jitRole ?? "");
  const pending = create.isPending || update.isPending;
  // A domain another of the org's providers serves cannot be picked here.
  const selectable = verifiedDomains.filter((d) => d.identityProviderId === null || d.identityProviderId === editing?.id);

  const toggle = (domain: string) => setDomains((list) => (list.includes(domain) ? list.filter((d) => d !== domain) : [...list, domain]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      if (editing) {
        await update.mutateAsync({
          id: editing.id,
          input: { name, issuer, clientId, domains, jitRole: jitRole === "" ? null : jitRole, ...(clientSecret ? { clientSecret } : {}) },
        });
        toast.success(t("updated"));
      } else {
        await create.mutateAsync({ name, issuer, clientId, clientSecret, domains, jitRole: jitRole === "" ? null : jitRole });
        toast.success(t("created"));
      }
      onOpenChange(false);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={editing ? t("editTitle", { name: editing.name }) : t("createTitle")} description={t("description")} closeLabel={tc("close")} wide>
      <form onSubmit={submit} className="space-y-4">
        <TextField label={t("name")} hint={t("nameHint")} value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} autoComplete="off" />
        <TextField label={t("issuer")} hint={t("issuerHint")} type="url" value={issuer} onChange={(e) => setIssuer(e.target.value)} required maxLength={500} autoComplete="off" />
        <TextField label={t("clientId")} value={clientId} onChange={(e) => setClientId(e.target.value)} required maxLength={500} autoComplete="off" />
        <TextField
          label={t("clientSecret")}
          hint={editing ? t("clientSecretKeep") : t("clientSecretHint")}
          type="password"
          value={clientSecret}
          onChange={(e) => setClientSecret(e.target.value)}
          required={!editing}
          maxLength={2000}
          autoComplete="new-password"
        />
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-ink">{t("domains")}</legend>
          <p className="text-xs text-muted">{t("domainsHint")}</p>
          {selectable.map((d) => (
            <label key={d.domain} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={domains.includes(d.domain)} onChange={() => toggle(d.domain)} />
              <span className="font-mono">{d.domain}</span>
            </label>
          ))}
        </fieldset>
        <SelectField label={t("jitRole")} hint={t("jitHint")} value={jitRole} onChange={(e) => setJitRole(e.target.value as JitChoice)}>
          <option value="">{t("jitNone")}</option>
          {JIT_ROLES.map((role) => (
            <option key={role} value={role}>
              {tc(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <div className="flex justify-end gap-2 pt-2">
          <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
            {tc("cancel")}
          </Button>
          <Button type="submit" disabled={pending || !name || !issuer || !clientId || (!editing && !clientSecret) || domains.length === 0}>
            {editing ? t("save") : t("create")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
