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
type SecondStepError = "invalid" | "replayed" | "throttled";

const SECOND_STEP_ERRORS: Record<string, SecondStepError> = { mfa_invalid: "invalid", mfa_replayed: "replayed", mfa_throttled: "throttled" };

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
  const tm = useTranslations("security.signIn");
  const router = useRouter();
  const discovery = useSignInDiscovery();
  const [step, setStep] = useState<"email" | "password" | "redirecting">("email");
  const [providerName, setProviderName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ErrorKey | null>(initialError ? { ns: "sso", key: initialError } : null);
  const [pending, setPending] = useState(false);
  const [wait, startWait] = useWait();
  // The second step: the password was right and the account has two-step verification. The
  // session is issued only when the code (sent with the password again) passes too.
  const [secondStep, setSecondStep] = useState(false);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<SecondStepError | null>(null);

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

  const attempt = async (totp?: string) => {
    setPending(true);
    setError(null);
    setCodeError(null);
    const result = await signIn("password", { email, password, ...(totp ? { totp } : {}), redirect: false });
    if (!result || result.error) {
      setPending(false);
      const reason = result?.code ?? "";
      if (reason === "mfa_required") {
        setSecondStep(true);
        return;
      }
      if (secondStep && SECOND_STEP_ERRORS[reason]) {
        setCodeError(SECOND_STEP_ERRORS[reason]);
        setCode("");
        return;
      }
      setSecondStep(false);
      setCode("");
      const seconds = throttledFor(reason);
      if (seconds !== null) startWait(seconds);
      else setError(reason === "sso_required" ? { ns: "sso", key: "ssoRequired" } : { ns: "auth", key: "invalid" });
      setPassword("");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  };

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    void attempt();
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    void attempt(code.trim());
  };

  const waitMessage = wait > 0 ? (wait < 60 ? t("throttledSeconds", { seconds: wait }) : t("throttledMinutes", { minutes: Math.ceil(wait / 60) })) : null;
  const message =
    waitMessage ?? (error ? (error.ns === "auth" ? t(error.key) : ts.has(`errors.${error.key}`) ? ts(`errors.${error.key}`) : ts.has(error.key) ? ts(error.key) : ts("errors.sso")) : null);

  if (secondStep) {
    return (
      <div className="mt-6 space-y-5">
        <div>
          <h2 className="text-base font-semibold">{tm("secondStepTitle")}</h2>
          <p className="mt-1 text-sm text-muted">{tm("secondStepBody", { email })}</p>
        </div>
        <form onSubmit={submitCode} className="space-y-4" noValidate>
          <TextField
            label={tm("code")}
            name="totp"
            inputMode="text"
            autoComplete="one-time-code"
            autoFocus
            required
            maxLength={40}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={codeError ? tm(codeError) : undefined}
          />
          <Button type="submit" className="w-full" disabled={pending || !code.trim()}>
            {pending ? tm("verifying") : tm("verify")}
          </Button>
        </form>
        <button
          type="button"
          className="text-sm text-brand-700 underline-offset-2 hover:underline"
          onClick={() => {
            setSecondStep(false);
            setStep("email");
            setPassword("");
            setCode("");
            setCodeError(null);
          }}
        >
          {tm("useAnotherAccount")}
        </button>
      </div>
    );
  }

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
