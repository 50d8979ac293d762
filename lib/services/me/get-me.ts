import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { Me } from "@/lib/domain/orgs";

export function getMe(principal: Principal, via: "session" | "api_token"): Me {
  return {
    user: { id: principal.userId, email: principal.email, name: principal.name, locale: principal.locale },
    memberships: principal.memberships.map((m) => ({ orgId: m.orgId, orgSlug: m.orgSlug, orgName: m.orgName, role: m.role })),
    staffRole: principal.staffRole,
    via,
  };
}
