import "server-only";
import { cache } from "react";
import type { Principal } from "@/lib/auth/principal";
import type { Permission } from "@/lib/domain/permissions";
import { orgContext } from "../access/org-context";

// What the console frame needs for an org page: who the org is, and what this caller may do
// there (the UI hides what the permission table forbids; the server enforces it regardless).

export interface OrgShell {
  org: { id: string; slug: string; legalNameJa: string; legalNameEn: string };
  role: string | null;
  via: "member" | "staff";
  permissions: Permission[];
}

/**
 * Cached per request: the console layout and its page both need the shell, and for provider
 * staff every resolution writes a staff.view entry — one page view should write one.
 */
export const getOrgShell = cache(async (principal: Principal, slug: string): Promise<OrgShell> => {
  const { access } = await orgContext(principal, slug, "org.read");
  return { org: access.org, role: access.role, via: access.via, permissions: [...access.permissions] };
});
