import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { requirePermission, resolveOrgAccess, type OrgAccess } from "@/lib/auth/org-access";
import type { Principal } from "@/lib/auth/principal";
import type { Permission } from "@/lib/domain/permissions";

// Every service that touches tenant data starts here: resolve the org from the caller's
// relation to it (404 when none), check the permission (403), and — when provider staff look
// in — write that view to the customer's own audit log, so the customer sees who looked.

export interface OrgContext {
  db: Db;
  access: OrgAccess;
  orgId: string;
}

/** `permission` may be a list: any one of them will do (e.g. reading operations of any kind). */
export async function orgContext(principal: Principal, slug: string, permission: Permission | readonly Permission[]): Promise<OrgContext> {
  const db = await getDb();
  const access = await resolveOrgAccess(db, principal, slug);
  const anyOf = typeof permission === "string" ? [permission] : permission;
  requirePermission(access, anyOf.find((p) => access.permissions.includes(p)) ?? anyOf[0]);
  if (access.via === "staff") {
    await insertAuditEvent(db, {
      orgId: access.org.id,
      actorType: "staff",
      actorId: principal.userId,
      actorName: principal.name,
      action: "staff.view",
      data: { permission, staffRole: principal.staffRole },
      ip: principal.context.ip,
      userAgent: principal.context.userAgent,
      requestId: principal.context.requestId,
    });
  }
  return { db, access, orgId: access.org.id };
}
