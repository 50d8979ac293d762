import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ReceivedInvitations } from "@/components/invitations/received-invitations";
import { listMyInvitations } from "@/lib/services/invitations/list-my-invitations";
import { currentPrincipal } from "@/lib/services/session/current-principal";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "招待 / Invitations" };

/** The invitations addressed to the signed-in person: each one joins only when accepted here. */
export default async function InvitationsPage() {
  const principal = await currentPrincipal();
  if (!principal) redirect("/sign-in?callbackUrl=/invitations");
  const t = await getTranslations("invitations");
  const invitations = (await listMyInvitations(principal)).items;
  return (
    <main className="mx-auto max-w-3xl px-4 py-10">
      <div className="mb-6 flex items-start justify-between gap-4">
        <div>
          <h1 className="text-xl font-bold">{t("listTitle")}</h1>
          <p className="mt-1 text-sm text-muted">{t("listDescription")}</p>
        </div>
        <Link href="/" className="shrink-0 text-sm text-brand-700 hover:underline">
          {t("toConsole")}
        </Link>
      </div>
      <ReceivedInvitations initial={invitations} />
    </main>
  );
}
