import { redirect } from "next/navigation";
import { countMyInvitations } from "@/lib/services/invitations/count-my-invitations";
import { currentPrincipal } from "@/lib/services/session/current-principal";

export const dynamic = "force-dynamic";

/**
 * Home: the first org the person belongs to, the staff area for staff, their invitations when
 * they belong nowhere yet but were invited, or "create an org".
 */
export default async function Home() {
  const principal = await currentPrincipal();
  if (!principal) redirect("/sign-in");
  if (principal.memberships.length > 0) redirect(`/${principal.memberships[0].orgSlug}`);
  if (principal.staffRole) redirect("/staff");
  if ((await countMyInvitations(principal)) > 0) redirect("/invitations");
  redirect("/orgs/new");
}
