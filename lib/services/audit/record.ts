import "server-only";
import { insertAuditEvent } from "@/lib/db/audit-log";
import type { DbOrTx } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";

// Audit entries written by services, inside the transaction of the change they record.

export interface AuditFacts {
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
}

/** Staff acting in an org they are not a member of appear as staff in that org's log. */
export function actorOf(principal: Principal, orgId: string | null) {
  const isMember = orgId !== null && principal.memberships.some((m) => m.orgId === orgId);
  const actorType =
    principal.kind === "api_token" ? "api_token" : principal.kind === "system" ? "system" : principal.staffRole && !isMember ? "staff" : "user";
  return { actorType, actorId: principal.tokenId ?? principal.userId, actorName: principal.kind === "api_token" ? principal.name : `${principal.name} <${principal.email}>` } as const;
}

export async function recordAudit(db: DbOrTx, principal: Principal, orgId: string | null, facts: AuditFacts): Promise<void> {
  await insertAuditEvent(db, {
    orgId,
    ...actorOf(principal, orgId),
    action: facts.action,
    targetType: facts.targetType ?? null,
    targetId: facts.targetId ?? null,
    data: facts.data ?? null,
    ip: principal.context.ip,
    userAgent: principal.context.userAgent,
    requestId: principal.context.requestId,
  });
}
