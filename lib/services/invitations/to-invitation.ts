import type { invitations } from "@/lib/db/schema";
import type { Invitation } from "@/lib/domain/orgs";
import type { OrgRole } from "@/lib/domain/permissions";

export function invitationStatus(row: typeof invitations.$inferSelect, now = new Date()): Invitation["status"] {
  if (row.acceptedAt) return "accepted";
  if (row.declinedAt) return "declined";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt <= now) return "expired";
  return "pending";
}

export function toInvitation(row: typeof invitations.$inferSelect): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role as OrgRole,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    status: invitationStatus(row),
  };
}
