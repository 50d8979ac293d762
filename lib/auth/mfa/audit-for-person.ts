import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { insertAuditEvent, type AuditEntry } from "@/lib/db/audit-log";
import { memberships } from "@/lib/db/schema";

// A change to how a person signs in (second factor on or off, a recovery code spent) matters to
// every org that person belongs to — an owner requiring MFA wants to see a member turn it off —
// so it is written into each of their orgs' audit logs (and once without an org when they have none).

export async function auditForPerson(db: DbOrTx, userId: string, entry: Omit<AuditEntry, "orgId">): Promise<void> {
  const orgIds = (await db.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId))).map((m) => m.orgId);
  for (const orgId of orgIds.length > 0 ? orgIds : [null]) await insertAuditEvent(db, { ...entry, orgId });
}
