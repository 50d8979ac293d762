"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

type ErrorKey = "invalid" | "locked" | "ssoFailed";
type SecondStepError = "invalid" | "replayed" | "throttled";

const SECOND_STEP_ERRORS: Record<string, SecondStepError> = { mfa_invalid: "invalid", mfa_replayed: "replayed", mfa_throttled: "throttled" };

export function SignInForm({ callbackUrl, ssoName, initialError }: { callbackUrl: string; ssoName: string | null; initialError: ErrorKey | null }) {
  const t = useTranslations("auth");
  const ts = useTranslations("security.signIn");
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ErrorKey | null>(initialError);
  const [pending, setPending] = useState(false);
  // The second step: the password was right and the account has two-step verification. The
  // session is issued only when the code (sent with the password again) passes too.
  const [secondStep, setSecondStep] = useState(false);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<SecondStepError | null>(null);

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
      setError(reason === "locked" ? "locked" : "invalid");
      setPassword("");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void attempt();
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    void attempt(code.trim());
  };

  if (secondStep) {
    return (
      <div className="mt-6 space-y-5">
        <div>
          <h2 className="text-base font-semibold">{ts("secondStepTitle")}</h2>
          <p className="mt-1 text-sm text-muted">{ts("secondStepBody", { email })}</p>
        </div>
        <form onSubmit={submitCode} className="space-y-4" noValidate>
          <TextField
            label={ts("code")}
            name="totp"
            inputMode="text"
            autoComplete="one-time-code"
            autoFocus
            required
            maxLength={40}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={codeError ? ts(codeError) : undefined}
          />
          <Button type="submit" className="w-full" disabled={pending || !code.trim()}>
            {pending ? ts("verifying") : ts("verify")}
          </Button>
        </form>
        <button
          type="button"
          className="text-sm text-brand-700 underline-offset-2 hover:underline"
          onClick={() => {
            setSecondStep(false);
            setPassword("");
            setCode("");
            setCodeError(null);
          }}
        >
          {ts("useAnotherAccount")}
        </button>
      </div>
    );
  }

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
