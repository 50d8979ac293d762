"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

type CodeError = "invalid" | "replayed" | "throttled";
const CODE_ERRORS: Record<string, CodeError> = { mfa_invalid: "invalid", mfa_replayed: "replayed", mfa_throttled: "throttled" };

/**
 * The account owner's proof: the account's password — and, when the account has two-step
 * verification, its code — in the browser that did the SSO login.
 */
export function LinkIdentityForm({ accountEmail }: { accountEmail: string }) {
  const t = useTranslations("sso.link");
  const tm = useTranslations("security.signIn");
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<"invalid" | "locked" | "expired" | null>(null);
  const [needsCode, setNeedsCode] = useState(false);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<CodeError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    setCodeError(null);
    const result = await signIn("sso-link", { password, ...(needsCode && code.trim() ? { totp: code.trim() } : {}), redirect: false });
    if (!result || result.error) {
      setPending(false);
      const reason = result?.code ?? "";
      if (reason === "mfa_required") {
        setNeedsCode(true);
        return;
      }
      if (CODE_ERRORS[reason]) {
        setCodeError(CODE_ERRORS[reason]);
        setCode("");
        return;
      }
      setPassword("");
      setError(reason.startsWith("throttled") ? "locked" : reason === "link_expired" ? "expired" : "invalid");
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
      {needsCode ? (
        <TextField
          label={tm("code")}
          name="totp"
          autoComplete="one-time-code"
          autoFocus
          required
          maxLength={40}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={codeError ? tm(codeError) : undefined}
        />
      ) : null}
      <Button type="submit" className="w-full" disabled={pending || !password || (needsCode && !code.trim())}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
