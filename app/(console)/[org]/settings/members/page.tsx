import { MembersPanel } from "@/components/settings/members-panel";
import { listMembers } from "@/lib/services/members/list-members";
import { readIfAllowed } from "@/lib/services/session/page-read";
import { orgPageAccess } from "@/lib/services/session/page-access";

// The first HTML already holds the members (the largest thing on the page, so its first paint);
// the panel then follows them from the browser. A role that may not list them sees the API's
// refusal as before.
export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { principal } = await orgPageAccess(org);
  const members = await readIfAllowed(listMembers(principal, org));
  return <MembersPanel initialMembers={members?.items} />;
}
