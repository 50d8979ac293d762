import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { ssoConfig } from "@/lib/auth/sso-config";
import { sameOriginPath } from "@/lib/domain/safe-redirect";
import { currentPrincipal } from "@/lib/services/session/current-principal";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "サインイン / Sign in" };

/** Errors the SSO callback and the link page send back here; Auth.js's own codes read as "sso". */
function signInError(error: string | null): string | null {
  if (!error) return null;
  if (/^sso(_[a-z_]+)?$/.test(error) || error === "link_expired") return error;
  return error === "AccessDenied" || error === "Configuration" || error === "OAuthCallbackError" || error === "CallbackRouteError" ? "sso" : null;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only a path on this console is followed after sign-in (no open redirect): lib/domain/safe-redirect.ts.
  const callbackUrl = sameOriginPath(params.callbackUrl);
  if (await currentPrincipal()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  const sso = ssoConfig();
  const error = typeof params.error === "string" ? params.error : null;
  return (
    <div className="w-full max-w-sm rounded-lg border border-line bg-white p-8 shadow-sm">
      <h1 className="text-xl font-bold">{t("signInTitle")}</h1>
      <p className="mt-1 text-sm text-muted">{t("signInSubtitle")}</p>
      <SignInForm callbackUrl={callbackUrl} ssoName={sso?.name ?? null} initialError={signInError(error)} />
    </div>
  );
}
