import type { ReactNode } from "react";
import { getLocale } from "next-intl/server";
import { PendingInvitationsBanner } from "@/components/invitations/pending-invitations-banner";
import { ConsoleShell } from "@/components/shell/console-shell";
import { LiveEvents } from "@/components/live/live-events";
import { orgPageAccess } from "@/lib/services/session/page-access";
import { countMyInvitations } from "@/lib/services/invitations/count-my-invitations";
import { supportEmail } from "@/lib/server/support-email";
import { SEARCH_KEYS_SCRIPT } from "@/components/help/search-type-ahead";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { principal, shell } = await orgPageAccess(slug);
  const invitationCount = await countMyInvitations(principal);
  // The org by the name of the reader's language: its English legal name in English, where it has one.
  const locale = await getLocale();
  const orgName = locale === "en" && shell.org.legalNameEn ? shell.org.legalNameEn : shell.org.legalNameJa;
  return (
    <ClientMessages layout="app/(console)/[org]/layout.tsx">
      {/* Before any bundle: 「/」 and the keys after it, pressed while the page's code is on its way, are kept for the search. */}
      <script dangerouslySetInnerHTML={{ __html: SEARCH_KEYS_SCRIPT }} />
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
    </ClientMessages>
  );
}
