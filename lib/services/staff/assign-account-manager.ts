import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { orgs, staffAssignments, users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { AssignManagerInput } from "@/lib/domain/staff";
import { recordAudit } from "../audit/record";
import { requireStaff } from "./require-staff";

/** Platform admins assign account managers to customer orgs; audited in the customer's log. */
export async function assignAccountManager(principal: Principal, orgSlug: string, rawInput: AssignManagerInput): Promise<void> {
  requireStaff(principal, "platform_admin");
  const input = AssignManagerInput.parse(rawInput);
  const db = await getDb();
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, orgSlug)).limit(1);
  if (!org) throw new AppError("not_found", "organization not found");
  const [manager] = await db.select().from(users).where(eq(users.id, input.staffUserId)).limit(1);
  if (!manager || manager.staffRole !== "account_manager") throw new AppError("validation_failed", "not an account manager", { field: "staffUserId" });
  await db.transaction(async (tx) => {
    if (input.assigned) {
      await tx.insert(staffAssignments).values({ orgId: org.id, staffUserId: manager.id, assignedBy: principal.userId }).onConflictDoNothing();
    } else {
      await tx.delete(staffAssignments).where(and(eq(staffAssignments.orgId, org.id), eq(staffAssignments.staffUserId, manager.id)));
    }
    await recordAudit(tx, principal, org.id, {
      action: input.assigned ? "staff.assign" : "staff.unassign",
      targetType: "user",
      targetId: manager.id,
      data: { manager: manager.name },
    });
  });
}
