import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ShieldAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { SignInAgainButton } from "@/components/security/sign-in-again-button";
import { getOrgSignInRequirement } from "@/lib/services/sign-in-policy/get-org-sign-in-requirement";
import { readOrNotFound } from "@/lib/services/session/page-read";
import { requirePrincipal } from "@/lib/services/session/require-principal";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "サインインポリシー / Sign-in policy" };

/** Why an org is closed to this member, and the way in: set up MFA, or sign in again (with a code or SSO). */
export default async function OrgAccessPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const principal = await requirePrincipal();
  const requirement = await readOrNotFound(getOrgSignInRequirement(principal, slug));
  if (requirement.met) redirect(`/${slug}`);
  const t = await getTranslations("security.orgAccess");
  const org = requirement.org.name;
  const sso = requirement.requirement === "sso";
  return (
    <section className="rounded-lg border border-line bg-white p-8 shadow-sm" data-testid="org-access-blocked" data-requirement={requirement.requirement}>
      <div className="flex items-start gap-3">
        <ShieldAlert className="mt-1 size-6 shrink-0 text-amber-600" aria-hidden />
        <div className="space-y-3">
          <h1 className="text-xl font-bold">{sso ? t("titleSso", { org }) : t("titleMfa", { org })}</h1>
          <p className="text-sm text-ink">{sso ? t("bodySso", { org }) : t("bodyMfa", { org })}</p>
          <div className="flex flex-wrap items-center gap-3 pt-2">
            {sso ? (
              <SignInAgainButton label={t("signInWithSso")} callbackUrl={`/${slug}`} />
            ) : requirement.mfaEnabled ? (
              <SignInAgainButton label={t("signInWithCode")} callbackUrl={`/${slug}`} />
            ) : (
              <>
                <Button asChild>
                  <Link href={`/account/security?org=${encodeURIComponent(slug)}`}>{t("setUpMfa")}</Link>
                </Button>
                <span className="text-sm text-muted">{t("mfaThenSignIn")}</span>
              </>
            )}
            <Button asChild variant="secondary">
              <Link href="/">{t("home")}</Link>
            </Button>
          </div>
          <p className="pt-2 text-xs text-muted">{t("tokensNote")}</p>
        </div>
      </div>
    </section>
  );
}
