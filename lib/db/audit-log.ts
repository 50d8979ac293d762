import { auditEvents } from "./schema";
import { newId } from "@/lib/domain/ids";
import type { DbOrTx } from "./client";

// The audit trail is append-only: rows are inserted in the same transaction as the change they
// describe, so a change without its entry cannot exist.

export interface AuditEntry {
  orgId: string | null;
  actorType: "user" | "api_token" | "staff" | "system";
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  data?: Record<string, unknown> | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

export async function insertAuditEvent(db: DbOrTx, entry: AuditEntry): Promise<string> {
  const id = newId("audit");
  await db.insert(auditEvents).values({
    id,
    orgId: entry.orgId,
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorName: entry.actorName,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    data: entry.data ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent ?? null,
    requestId: entry.requestId ?? null,
  });
  return id;
}
