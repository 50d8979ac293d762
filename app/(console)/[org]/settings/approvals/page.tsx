import { ApprovalDelegationsPanel } from "@/components/approval-settings/approval-delegations-panel";
import { ApprovalPoliciesPanel } from "@/components/approval-settings/approval-policies-panel";
import { listApprovalDelegations } from "@/lib/services/approvals/approval-delegations";
import { listApprovalPolicies } from "@/lib/services/approvals/approval-policies";
import { listMembers } from "@/lib/services/members/list-members";
import { orgPageAccess } from "@/lib/services/session/page-access";

// 稟議ルール and 代理承認: every member reads both; owners and admins change the rules; anyone
// names a delegate for themselves (owners and admins for anyone).
export default async function ApprovalSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { principal } = await orgPageAccess(slug);
  const [policies, delegations, members] = await Promise.all([listApprovalPolicies(principal, slug), listApprovalDelegations(principal, slug), listMembers(principal, slug)]);
  return (
    <div className="space-y-8">
      <ApprovalPoliciesPanel initial={policies} members={members.items} />
      <ApprovalDelegationsPanel initial={delegations} members={members.items} now={new Date().toISOString()} />
    </div>
  );
}
