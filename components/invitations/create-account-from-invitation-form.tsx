"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { api, ok } from "@/lib/client/api";
import { ApiError } from "@/lib/client/api-fetch";

/**
 * The invitee's first visit: the link from their mailbox makes their account (a name and a
 * password), then they are signed in and shown their invitations to answer. It joins nothing.
 */
export function CreateAccountFromInvitationForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("invitations");
  const ta = useTranslations("auth");
  const te = useTranslations("errors");
  const router = useRouter();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await ok(api.POST("/api/v1/invitations/{token}/account", { params: { path: { token } }, body: { name, password } }));
      const result = await signIn("password", { email, password, redirect: false });
      if (result?.error) throw new ApiError(401, "unauthenticated", "sign-in failed");
      router.replace("/invitations");
      router.refresh();
    } catch (e) {
      setPending(false);
      setError(e instanceof ApiError ? te(e.code as "internal") : te("internal"));
    }
  };

  return (
    <form onSubmit={submit} className="mt-6 space-y-4">
      <h2 className="text-sm font-semibold">{t("createAccountTitle")}</h2>
      <p className="text-xs text-muted">{t("createAccountHint")}</p>
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <TextField label={ta("email")} value={email} readOnly autoComplete="username" />
      <TextField label={ta("inviteName")} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="name" />
      <TextField label={ta("invitePassword")} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={10} autoComplete="new-password" />
      <Button type="submit" className="w-full" disabled={pending || !name || password.length < 10}>
        {t("createAccount")}
      </Button>
    </form>
  );
}
