"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ApiError, apiFetch } from "@/lib/client/api-fetch";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("auth");
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
      await apiFetch(`/api/v1/invitations/${encodeURIComponent(token)}/accept`, { method: "POST", body: { name, password } });
      const result = await signIn("password", { email, password, redirect: false });
      if (result?.error) throw new ApiError(401, "unauthenticated", "sign-in failed");
      router.replace("/");
      router.refresh();
    } catch (e) {
      setPending(false);
      setError(e instanceof ApiError ? te(e.code as "internal") : te("internal"));
    }
  };

  return (
    <form onSubmit={submit} className="mt-6 space-y-4">
      <h2 className="text-sm font-semibold">{t("inviteCreateAccount")}</h2>
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <TextField label={t("email")} value={email} readOnly autoComplete="username" />
      <TextField label={t("inviteName")} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="name" />
      <TextField label={t("invitePassword")} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={10} autoComplete="new-password" />
      <Button type="submit" className="w-full" disabled={pending || !name || password.length < 10}>
        {t("inviteAccept")}
      </Button>
    </form>
  );
}
