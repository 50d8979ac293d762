import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AnswerInvitationButtons } from "@/components/invitations/answer-invitation-buttons";
import { CreateAccountFromInvitationForm } from "@/components/invitations/create-account-from-invitation-form";
import { InvitationDetails } from "@/components/invitations/invitation-details";
import { previewInvitation } from "@/lib/services/invitations/preview-invitation";
import { currentPrincipal } from "@/lib/services/session/current-principal";

export const dynamic = "force-dynamic";

/**
 * The link from the invitation e-mail. It shows which company invites whom, as what, and by
 * whom; then the invited person creates their account (first visit), signs in, or — signed in
 * with that address — accepts or declines. Opening it changes nothing.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("invitations");
  const ta = await getTranslations("auth");
  const tc = await getTranslations("common");
  const preview = await previewInvitation(token);
  if (!preview || preview.status !== "pending") {
    return (
      <div className="w-full max-w-md rounded-lg border border-line bg-white p-8 shadow-sm">
        <p role="alert" className="text-sm text-red-800">
          {ta("inviteInvalid")}
        </p>
      </div>
    );
  }
  const principal = await currentPrincipal();
  const signedInAsInvitee = principal?.kind === "user" && principal.email.toLowerCase() === preview.email;
  return (
    <div className="w-full max-w-lg rounded-lg border border-line bg-white p-8 shadow-sm">
      <h1 className="text-xl font-bold">{t("title", { org: preview.org.legalNameJa })}</h1>
      <p className="mt-2 text-sm text-muted">{t("invitedAs", { email: preview.email, role: tc(`roles.${preview.role}`) })}</p>
      <div className="mt-5">
        <InvitationDetails invitation={preview} />
      </div>
      <p className="mt-4 text-xs text-muted">{t("checkHint")}</p>
      {signedInAsInvitee ? (
        <div className="mt-6">
          <AnswerInvitationButtons id={preview.id} orgName={preview.org.legalNameJa} />
        </div>
      ) : principal ? (
        <p role="alert" className="mt-6 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("wrongAccount", { email: preview.email, current: principal.email })}
        </p>
      ) : preview.hasAccount ? (
        <div className="mt-6 space-y-4">
          <p className="text-sm">{t("signInToAnswer")}</p>
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent("/invitations")}`}
            className="inline-flex h-9 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("signIn")}
          </Link>
        </div>
      ) : (
        <CreateAccountFromInvitationForm token={token} email={preview.email} />
      )}
    </div>
  );
}
