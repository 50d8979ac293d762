import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LinkIdentityForm } from "@/components/auth/link-identity-form";
import { SSO_LINK_COOKIE } from "@/lib/auth/sso-link";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { getPendingLink } from "@/lib/services/sso/get-pending-link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "IDの連携 / Link your identity" };

/** The second half of linking an SSO identity: only the browser that did the SSO login holds the cookie. */
export default async function LinkIdentityPage() {
  const t = await getTranslations("sso.link");
  const locale = (await getLocale()) as Locale;
  const link = await getPendingLink((await cookies()).get(SSO_LINK_COOKIE)?.value);
  return (
    <div className="w-full max-w-md rounded-lg border border-line bg-white p-8 shadow-sm">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      {link ? (
        <>
          <p className="mt-3 text-sm">{t("body", { issuer: link.issuer, email: link.assertedEmail })}</p>
          <p className="mt-2 text-sm text-muted">{t("explain")}</p>
          <p className="mt-2 text-xs text-muted">{t("expiresAt", { time: formatDateTime(link.expiresAt, locale) })}</p>
          <LinkIdentityForm accountEmail={link.accountEmail} />
        </>
      ) : (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("expired")}
        </p>
      )}
      <Link href="/sign-in" className="mt-6 inline-block text-sm text-brand-700 underline-offset-2 hover:underline">
        {t("cancel")}
      </Link>
    </div>
  );
}
