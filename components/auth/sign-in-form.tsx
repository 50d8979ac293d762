"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { sameOriginPath } from "@/lib/domain/safe-redirect";

type ErrorKey = "invalid" | "ssoFailed";

/** The server throttles a client after repeated failures and says for how long: "throttled_<seconds>". */
function throttledFor(code: string | undefined): number | null {
  const match = /^throttled_(\d+)$/.exec(code ?? "");
  return match ? Number(match[1]) : null;
}

/** Counts down to the moment the server will look at the next attempt. */
function useWait(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= until) setUntil(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  const remaining = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  return [remaining, (seconds) => (setNow(Date.now()), setUntil(Date.now() + seconds * 1000))];
}

export function SignInForm({ callbackUrl, ssoName, initialError }: { callbackUrl: string; ssoName: string | null; initialError: ErrorKey | null }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ErrorKey | null>(initialError);
  const [pending, setPending] = useState(false);
  const [wait, startWait] = useWait();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await signIn("password", { email, password, redirect: false });
    if (!result || result.error) {
      setPending(false);
      const seconds = throttledFor(result?.code);
      if (seconds !== null) startWait(seconds);
      else setError("invalid");
      setPassword("");
      return;
    }
    router.replace(sameOriginPath(callbackUrl));
    router.refresh();
  };

  return (
    <div className="mt-6 space-y-5">
      {error || wait > 0 ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {wait > 0 ? (wait < 60 ? t("throttledSeconds", { seconds: wait }) : t("throttledMinutes", { minutes: Math.ceil(wait / 60) })) : t(error!)}
        </p>
      ) : null}
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField label={t("email")} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label={t("password")} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <Button type="submit" className="w-full" disabled={pending || wait > 0 || !email || !password}>
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
          <Button variant="secondary" className="w-full" onClick={() => void signIn("sso", { redirectTo: sameOriginPath(callbackUrl) })}>
            <KeyRound className="size-4" aria-hidden />
            {t("ssoButton", { name: ssoName })}
          </Button>
        </>
      ) : null}
    </div>
  );
}
