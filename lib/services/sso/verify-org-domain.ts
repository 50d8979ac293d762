import "server-only";
import { and, isNotNull, like } from "drizzle-orm";
import { orgDomains, users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { isUniqueViolation } from "@/lib/auth/sso-link";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { SHARED_MAILBOX_DOMAINS, VerifyOrgDomainInput, type OrgDomain } from "@/lib/domain/sso";
import { recordAudit } from "../audit/record";
import { staffAccountAccess } from "../staff/staff-account-access";
import { toOrgDomain } from "./org-domains";

/**
 * The account manager records that an e-mail domain is the org's (checked out of band: DNS TXT
 * record, contract). A verified domain is what lets the org's own identity provider vouch for
 * an address, so it is refused for mailbox providers anyone can sign up with, for a domain
 * with provider staff in it (staff never sign in through a customer's IdP), and for a domain
 * another org holds. Audited in the org's log (as staff) and in the staff log.
 */
export async function verifyOrgDomain(principal: Principal, slug: string, rawInput: VerifyOrgDomainInput, now = new Date()): Promise<OrgDomain> {
  const { db, org } = await staffAccountAccess(principal, slug);
  const { domain } = VerifyOrgDomainInput.parse(rawInput);
  if ((SHARED_MAILBOX_DOMAINS as readonly string[]).includes(domain)) {
    throw new AppError("business_rule", `${domain} is a shared mailbox provider and cannot belong to one organization`, { field: "domain", reason: "shared_mailbox_domain" });
  }
  const likeDomain = `%@${domain.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
  const [staff] = await db.select({ id: users.id }).from(users).where(and(isNotNull(users.staffRole), like(users.email, likeDomain))).limit(1);
  if (staff) throw new AppError("business_rule", `${domain} has provider staff accounts and cannot belong to a customer`, { field: "domain", reason: "staff_domain" });
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(orgDomains).values({ id: newId("orgDomain", now.getTime()), orgId: org.id, domain, verifiedBy: principal.userId, createdAt: now }).returning();
      const facts = { action: "sso.domain.verify", targetType: "domain", targetId: domain, data: { slug: org.slug, domain } };
      await recordAudit(tx, principal, org.id, facts);
      await recordAudit(tx, principal, null, facts);
      return toOrgDomain(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("already_exists", `${domain} is already verified for an organization`, { field: "domain" });
    throw error;
  }
}
