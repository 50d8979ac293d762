import { redirect } from "next/navigation";
import { currentPrincipal } from "@/lib/services/session/current-principal";

export const dynamic = "force-dynamic";

/** Home: the first org the person belongs to, the staff area for staff, or "create an org". */
export default async function Home() {
  const principal = await currentPrincipal();
  if (!principal) redirect("/sign-in");
  if (principal.memberships.length > 0) redirect(`/${principal.memberships[0].orgSlug}`);
  if (principal.staffRole) redirect("/staff");
  redirect("/orgs/new");
}
