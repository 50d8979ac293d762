"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { sameOriginPath } from "@/lib/domain/safe-redirect";
import { startProviderSignIn } from "@/lib/client/auth/start-sso";
import { useSignInDiscovery } from "@/lib/client/auth/use-sign-in-discovery";

// E-mail first (home-realm discovery): an address in a domain bound to its org's identity
// provider goes there; everyone else gets the password field. The staff button is the
// platform's own identity provider.

type ErrorKey = { ns: "auth"; key: "invalid" } | { ns: "sso"; key: string };

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

export function SignInForm({ callbackUrl, ssoName, initialError }: { callbackUrl: string; ssoName: string | null; initialError: string | null }) {
  const t = useTranslations("auth");
  const ts = useTranslations("sso.signIn");
  const router = useRouter();
  const discovery = useSignInDiscovery();
  const [step, setStep] = useState<"email" | "password" | "redirecting">("email");
  const [providerName, setProviderName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ErrorKey | null>(initialError ? { ns: "sso", key: initialError } : null);
  const [pending, setPending] = useState(false);
  const [wait, startWait] = useWait();

  const continueWithEmail = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const method = await discovery.mutateAsync(email.trim());
      if (method.method === "sso") {
        setProviderName(method.providerName);
        setStep("redirecting");
        await startProviderSignIn(method.providerId, callbackUrl, email.trim());
        return;
      }
      setStep("password");
    } catch {
      setError({ ns: "sso", key: "discoveryFailed" });
    }
  };

  const submitPassword = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await signIn("password", { email, password, redirect: false });
    if (!result || result.error) {
      setPending(false);
      const seconds = throttledFor(result?.code);
      if (seconds !== null) startWait(seconds);
      else setError(result?.code === "sso_required" ? { ns: "sso", key: "ssoRequired" } : { ns: "auth", key: "invalid" });
      setPassword("");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  };

  const waitMessage = wait > 0 ? (wait < 60 ? t("throttledSeconds", { seconds: wait }) : t("throttledMinutes", { minutes: Math.ceil(wait / 60) })) : null;
  const message =
    waitMessage ?? (error ? (error.ns === "auth" ? t(error.key) : ts.has(`errors.${error.key}`) ? ts(`errors.${error.key}`) : ts.has(error.key) ? ts(error.key) : ts("errors.sso")) : null);

  return (
    <div className="mt-6 space-y-5">
      {message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      ) : null}
      {step === "email" ? (
        <form onSubmit={continueWithEmail} className="space-y-4" noValidate>
          <TextField label={t("email")} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
          <Button type="submit" className="w-full" disabled={discovery.isPending || !email.includes("@")}>
            {ts("next")}
          </Button>
        </form>
      ) : step === "redirecting" ? (
        <p className="text-sm text-muted" role="status">
          {ts("redirecting", { name: providerName })}
        </p>
      ) : (
        <form onSubmit={submitPassword} className="space-y-4" noValidate>
          <TextField label={t("email")} type="email" name="email" autoComplete="username" readOnly value={email} />
          <button type="button" className="-mt-2 text-xs text-brand-700 underline-offset-2 hover:underline" onClick={() => (setStep("email"), setPassword(""), setError(null))}>
            {ts("changeEmail")}
          </button>
          <TextField label={t("password")} type="password" name="password" autoComplete="current-password" required autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
          <Button type="submit" className="w-full" disabled={pending || wait > 0 || !email || !password}>
            {pending ? t("signingIn") : t("signIn")}
          </Button>
        </form>
      )}
      {ssoName && step !== "redirecting" ? (
        <>
          <div className="flex items-center gap-3 text-xs text-muted">
            <span className="h-px flex-1 bg-line" />
            {t("or")}
            <span className="h-px flex-1 bg-line" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => void signIn("sso", { redirectTo: sameOriginPath(callbackUrl) })}>
            <KeyRound className="size-4" aria-hidden />
            {ts("staffButton", { name: ssoName })}
          </Button>
        </>
      ) : null}
    </div>
  );
}
