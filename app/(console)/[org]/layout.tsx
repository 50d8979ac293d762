import type { ReactNode } from "react";
import { notFound, redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { PendingInvitationsBanner } from "@/components/invitations/pending-invitations-banner";
import { ConsoleShell } from "@/components/shell/console-shell";
import { LiveEvents } from "@/components/live/live-events";
import { isAppError } from "@/lib/domain/errors";
import { currentPrincipal } from "@/lib/services/session/current-principal";
import { getOrgShell } from "@/lib/services/session/get-org-shell";
import { countMyInvitations } from "@/lib/services/invitations/count-my-invitations";
import { supportEmail } from "@/lib/server/support-email";

export const dynamic = "force-dynamic";

export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const principal = await currentPrincipal();
  if (!principal) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
  const shell = await getOrgShell(principal, slug).catch((error) => {
    if (isAppError(error) && (error.code === "not_found" || error.code === "forbidden")) notFound();
    // The org's sign-in policy or the staff rule asks more of this session: say why, and the way in.
    if (isAppError(error) && (error.code === "org_requires_mfa" || error.code === "org_requires_sso")) redirect(`/account/org-access/${encodeURIComponent(slug)}`);
    if (isAppError(error) && error.code === "staff_mfa_required") redirect("/account/security");
    throw error;
  });
  const invitationCount = await countMyInvitations(principal);
  // The org by the name of the reader's language: its English legal name in English, where it has one.
  const locale = await getLocale();
  const orgName = locale === "en" && shell.org.legalNameEn ? shell.org.legalNameEn : shell.org.legalNameJa;
  return (
    <ConsoleShell
      banner={invitationCount > 0 ? <PendingInvitationsBanner count={invitationCount} /> : undefined}
      org={{ slug: shell.org.slug, orgName, role: shell.role, via: shell.via, permissions: shell.permissions, userId: principal.userId }}
      orgs={principal.memberships.map((m) => ({ slug: m.orgSlug, name: m.orgName }))}
      user={{ name: principal.name, email: principal.email, staffRole: principal.staffRole }}
      supportEmail={supportEmail()}
    >
      <LiveEvents slug={shell.org.slug} />
      {children}
    </ConsoleShell>
  );
}
