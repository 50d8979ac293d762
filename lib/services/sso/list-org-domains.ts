import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import type { Principal } from "@/lib/auth/principal";
import type { OrgDomain } from "@/lib/domain/sso";
import { staffAccountAccess } from "../staff/staff-account-access";
import { domainsOfOrg } from "./org-domains";

/** The account's verified e-mail domains (staff: the account's manager or a platform admin). */
export async function listOrgDomains(principal: Principal, slug: string): Promise<Page<OrgDomain>> {
  const { db, org } = await staffAccountAccess(principal, slug);
  return wholePage(await domainsOfOrg(db, org.id));
}
