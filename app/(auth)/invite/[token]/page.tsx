import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { previewInvitation } from "@/lib/services/invitations/accept-invitation";

export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("auth");
  const tc = await getTranslations("common");
  const preview = token.length < 200 ? await previewInvitation(token) : null;
  return (
    <div className="w-full max-w-md rounded-lg border border-line bg-white p-8 shadow-sm">
      {!preview || preview.status !== "pending" ? (
        <p role="alert" className="text-sm text-red-800">
          {t("inviteInvalid")}
        </p>
      ) : (
        <>
          <h1 className="text-xl font-bold">{t("inviteTitle", { org: preview.orgName })}</h1>
          <p className="mt-2 text-sm text-muted">{t("inviteBody", { email: preview.email, role: tc(`roles.${preview.role}`) })}</p>
          {preview.hasAccount ? (
            <div className="mt-6 space-y-4">
              <p className="text-sm">{t("inviteHasAccount")}</p>
              <Link href="/sign-in" className="inline-flex h-9 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">
                {t("inviteSignIn")}
              </Link>
            </div>
          ) : (
            <AcceptInvitationForm token={token} email={preview.email} />
          )}
        </>
      )}
    </div>
  );
}
