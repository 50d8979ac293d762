import type { OrgRole, StaffRole } from "@/lib/domain/permissions";
import type { AuthMethod } from "@/lib/domain/sign-in-policy";

// Who is calling, resolved once per request (session cookie or API token) and passed to every
// service. Services never look at cookies or headers themselves.

export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  locale: "ja" | "en";
}

export interface PrincipalMembership {
  orgId: string;
  orgSlug: string;
  orgName: string;
  role: OrgRole;
}

export interface Principal {
  kind: "user" | "api_token" | "system";
  userId: string;
  email: string;
  name: string;
  locale: "ja" | "en";
  memberships: PrincipalMembership[];
  staffRole: StaffRole | null;
  /** Set when the caller is an API token: it acts with the token's role in the token's org only. */
  tokenId?: string;
  /**
   * How a person's session signed in (["pwd"], ["pwd","otp"], ["sso"]); checked against org
   * sign-in policies and the staff rule. Absent for tokens and the system (they are not people)
   * and treated as "nothing proven" for a person.
   */
  amr?: AuthMethod[];
  context: RequestContext;
}

export function systemPrincipal(context: Partial<RequestContext> = {}): Principal {
  return {
    kind: "system",
    userId: "system",
    email: "system@hinoki.invalid",
    name: "Hinoki",
    locale: "ja",
    memberships: [],
    staffRole: null,
    context: { requestId: context.requestId ?? "system", ip: null, userAgent: null, locale: "ja" },
  };
}
