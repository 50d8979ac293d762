"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

type ErrorKey = "invalid" | "locked" | "ssoFailed";

export function SignInForm({ callbackUrl, ssoName, initialError }: { callbackUrl: string; ssoName: string | null; initialError: ErrorKey | null }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ErrorKey | null>(initialError);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await signIn("password", { email, password, redirect: false });
    if (!result || result.error) {
      setPending(false);
      setError(result?.code === "locked" ? "locked" : "invalid");
      setPassword("");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  };

  return (
    <div className="mt-6 space-y-5">
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField label={t("email")} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label={t("password")} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <Button type="submit" className="w-full" disabled={pending || !email || !password}>
          {pending ? t("signingIn") : t("signIn")}
        </Button>
      </form>
      {ssoName ? (
        <>
          <div className="flex items-center gap-3 text-xs text-muted">
            <span className="h-px flex-1 bg-line" />
            {t("or")}
            <span className="h-px flex-1 bg-line" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => void signIn("sso", { redirectTo: callbackUrl })}>
            <KeyRound className="size-4" aria-hidden />
            {t("ssoButton", { name: ssoName })}
          </Button>
        </>
      ) : null}
    </div>
  );
}
