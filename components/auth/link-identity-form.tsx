"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

/** The account owner's proof: the account's password, in the browser that did the SSO login. */
export function LinkIdentityForm({ accountEmail }: { accountEmail: string }) {
  const t = useTranslations("sso.link");
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<"invalid" | "locked" | "expired" | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await signIn("sso-link", { password, redirect: false });
    if (!result || result.error) {
      setPending(false);
      setPassword("");
      setError(result?.code === "locked" ? "locked" : result?.code === "link_expired" ? "expired" : "invalid");
      return;
    }
    router.replace("/");
    router.refresh();
  };

  return (
    <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
      <TextField label={t("account")} type="email" name="email" autoComplete="username" readOnly value={accountEmail} />
      <TextField label={t("password")} type="password" name="password" autoComplete="current-password" required autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
      <Button type="submit" className="w-full" disabled={pending || !password}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
