import "server-only";
import { and, eq } from "drizzle-orm";
import { orgDomains } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { EmailDomain } from "@/lib/domain/sso";
import { recordAudit } from "../audit/record";
import { staffAccountAccess } from "../staff/staff-account-access";

/**
 * Withdraws a verified domain. Its people no longer sign in through the org's provider (and the
 * provider can no longer vouch for them); password accounts sign in with their password again.
 * Audited in the org's log (as staff) and in the staff log.
 */
export async function removeOrgDomain(principal: Principal, slug: string, rawDomain: string): Promise<void> {
  const { db, org } = await staffAccountAccess(principal, slug);
  const parsed = EmailDomain.safeParse(rawDomain);
  if (!parsed.success) throw new AppError("not_found", "domain not found");
  const domain = parsed.data;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(orgDomains)
      .where(and(eq(orgDomains.orgId, org.id), eq(orgDomains.domain, domain)))
      .returning();
    if (!row) throw new AppError("not_found", "domain not found");
    const facts = { action: "sso.domain.remove", targetType: "domain", targetId: domain, data: { slug: org.slug, domain, identityProviderId: row.identityProviderId } };
    await recordAudit(tx, principal, org.id, facts);
    await recordAudit(tx, principal, null, facts);
  });
}
