import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { memberships } from "@/lib/db/schema";
import type { OrgAccess } from "@/lib/auth/org-access";
import { AppError } from "@/lib/domain/errors";
import type { OrgRole } from "@/lib/domain/permissions";

// Rules shared by role changes and removals: only an owner touches ownership, and an org is
// never left without an owner. The owner count is read under a row lock in the transaction.

export async function loadMembershipForUpdate(tx: Tx, orgId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .for("update")
    .limit(1);
  if (!row) throw new AppError("not_found", "member not found");
  return row;
}

export function assertMayTouchOwnership(access: OrgAccess, from: OrgRole, to: OrgRole | null): void {
  if ((from === "owner" || to === "owner") && access.role !== "owner") {
    throw new AppError("forbidden", "only an owner can grant or take ownership", { permission: "ownership.transfer" });
  }
}

export async function assertNotLastOwner(tx: Tx, orgId: string): Promise<void> {
  const owners = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")));
  if ((owners[0]?.n ?? 0) <= 1) throw new AppError("last_owner");
}
