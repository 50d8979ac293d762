import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Db, type DbOrTx } from "@/lib/db/client";
import { orgs, staffAssignments } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { requireStaff } from "./require-staff";

// The gate of every staff action on one account. A platform admin reaches every org; an account
// manager only the orgs assigned to them — another manager's account is a 404, exactly like an
// org that does not exist. Membership of the org grants nothing here: staff decisions (quotas,
// contracts, notes) come from the assignment, never from the customer role table.

export interface StaffAccountAccess {
  db: Db;
  org: typeof orgs.$inferSelect;
}

export async function isAssigned(db: DbOrTx, principal: Principal, orgId: string): Promise<boolean> {
  if (principal.kind !== "user" || !principal.staffRole) return false;
  if (principal.staffRole === "platform_admin") return true;
  const [row] = await db
    .select({ orgId: staffAssignments.orgId })
    .from(staffAssignments)
    .where(and(eq(staffAssignments.orgId, orgId), eq(staffAssignments.staffUserId, principal.userId)))
    .limit(1);
  return Boolean(row);
}

export async function staffAccountAccess(principal: Principal, slug: string): Promise<StaffAccountAccess> {
  requireStaff(principal);
  const db = await getDb();
  const [org] = await db.select().from(orgs).where(eq(orgs.slug, slug)).limit(1);
  if (!org || !(await isAssigned(db, principal, org.id))) throw new AppError("not_found", "organization not found");
  return { db, org };
}
