import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { MfaPanel } from "@/components/security/mfa-panel";
import { staffSessionIsStrong } from "@/lib/auth/sign-in-policy-gate";
import { getMfaStatus } from "@/lib/services/mfa/get-mfa-status";
import { requirePrincipal } from "@/lib/services/session/require-principal";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "セキュリティ / Security" };

function methodKey(amr: readonly string[] | undefined): "pwd" | "pwdOtp" | "sso" | "unknown" {
  if (amr?.includes("sso")) return "sso";
  if (amr?.includes("otp")) return "pwdOtp";
  if (amr?.includes("pwd")) return "pwd";
  return "unknown";
}

export default async function SecurityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requirePrincipal();
  const params = await searchParams;
  const t = await getTranslations("security");
  const status = await getMfaStatus(principal);
  // Where to go once set up and signed in again: the org that sent them here (if theirs), else home.
  const fromOrg = typeof params.org === "string" ? principal.memberships.find((m) => m.orgSlug === params.org) : undefined;
  const staffBlocked = !staffSessionIsStrong(principal);
  const continueTo = fromOrg ? `/${fromOrg.orgSlug}` : principal.staffRole ? "/staff" : "/";
  return (
    <>
      <PageHeader title={t("pageTitle")} description={t("pageDescription")} />
      {staffBlocked ? (
        <p role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="staff-mfa-required">
          {t("staffRequired")}
        </p>
      ) : null}
      {fromOrg ? (
        <p role="status" className="mb-4 rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
          {t("orgRequired", { org: fromOrg.orgName })}
        </p>
      ) : null}
      <Card>
        <CardHeader title={t("totp.title")} description={t("totp.description")} />
        <CardBody>
          <MfaPanel initial={status} sessionHasOtp={Boolean(principal.amr?.includes("otp"))} continueTo={continueTo} />
        </CardBody>
      </Card>
      <p className="mt-4 text-xs text-muted" data-testid="session-method">
        {t("sessionMethod", { method: t(`amr.${methodKey(principal.amr)}`) })}
      </p>
    </>
  );
}
