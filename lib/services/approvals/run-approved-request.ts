import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { ZodError } from "zod";
import { principalForUser } from "@/lib/auth/load-principal";
import { systemPrincipal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import type { Db } from "@/lib/db/client";
import { approvalRequests, operations, orgs } from "@/lib/db/schema";
import type { ApprovalRefusal } from "@/lib/domain/approval-requests";
import { AppError, isAppError } from "@/lib/domain/errors";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { recordAudit } from "../audit/record";
import { toOperation } from "../operations/to-operation";
import { HELD_ORDER_SERVICES } from "./held-order-services";
import { isTemporary } from "../operations/retry-rule";
import { noticeToRequester } from "./approval-notices";

// On final approval the held order runs as the requester's, through the SAME create service as an
// order without a rule (residency, cost center, quota and capacity checked again now). Exactly
// once: the order's Idempotency-Key is derived from the request ("approval-request <id>", which no
// client key may be, it has a space) and the create service looks it up under the org's lock, so a
// retry after a crash or a second instance finds the one operation there is. A final refusal is
// kept on the request with its reason; an outage leaves it approved for the next round. Which
// service runs which action: held-order-services.ts.

export const approvedOrderKey = (requestId: string) => `approval-request ${requestId}`;

function refusalOf(error: unknown): ApprovalRefusal | null {
  if (error instanceof ZodError) return { code: "validation_failed", message: "the order is no longer valid", details: { issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) } };
  if (!isAppError(error) || isTemporary(error)) return null;
  return { code: error.code, message: error.message, details: error.details ?? null };
}

export async function runApprovedRequest(db: Db, cp: ControlPlane, id: string, now: Date = new Date()): Promise<void> {
  const [row] = await db.select().from(approvalRequests).where(and(eq(approvalRequests.id, id), eq(approvalRequests.status, "approved"))).limit(1);
  if (!row) return;
  const [org] = await db.select({ slug: orgs.slug }).from(orgs).where(eq(orgs.id, row.orgId)).limit(1);
  const system = systemPrincipal({ requestId: approvedOrderKey(row.id) });
  let operation: ConsoleOperation;
  try {
    const service = HELD_ORDER_SERVICES[row.action];
    if (!service) throw new AppError("business_rule", `approved orders of ${row.action} cannot be run yet`);
    const requester = await principalForUser(db, row.requesterUserId, system.context, row.requesterAmr);
    if (!requester) throw new AppError("forbidden", "the requester's account no longer exists");
    const result = await service(cp, requester, org.slug, row.order, { idempotencyKey: approvedOrderKey(row.id), approvedRequestId: row.id });
    if (result.kind !== "operation") throw new AppError("internal", "an approved order was held again");
    operation = result.operation;
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    // A second runner can be refused by the first's success ("another operation is running"):
    // the order under the derived key is the answer then, never a refusal.
    const ran = await operationUnder(db, row.orgId, approvedOrderKey(row.id));
    if (ran) return markExecuted(db, row, org.slug, ran, now);
    await db.transaction(async (tx) => {
      const [after] = await tx.update(approvalRequests).set({ status: "refused", refusal, finishedAt: now, updatedAt: now }).where(and(eq(approvalRequests.id, row.id), eq(approvalRequests.status, "approved"))).returning();
      if (!after) return;
      await recordAudit(tx, system, row.orgId, { action: "approval_request.refuse", targetType: "approval_request", targetId: row.id, data: { refusal } });
      await noticeToRequester(tx, after, org.slug, "approvalRefused", { reason: refusal.message }, now);
    });
    return;
  }
  await markExecuted(db, row, org.slug, operation, now);
}

async function operationUnder(db: Db, orgId: string, key: string): Promise<ConsoleOperation | null> {
  const [op] = await db.select().from(operations).where(and(eq(operations.orgId, orgId), eq(operations.idempotencyKey, key))).limit(1);
  return op ? toOperation(op) : null;
}

async function markExecuted(db: Db, row: typeof approvalRequests.$inferSelect, slug: string, operation: ConsoleOperation, now: Date): Promise<void> {
  const system = systemPrincipal({ requestId: approvedOrderKey(row.id) });
  await db.transaction(async (tx) => {
    const [after] = await tx.update(approvalRequests).set({ status: "executed", operationId: operation.id, finishedAt: now, updatedAt: now }).where(and(eq(approvalRequests.id, row.id), eq(approvalRequests.status, "approved"))).returning();
    if (!after) return;
    await recordAudit(tx, system, row.orgId, { action: "approval_request.execute", targetType: "approval_request", targetId: row.id, data: { operationId: operation.id, targetId: operation.target.id } });
    await noticeToRequester(tx, after, slug, "approvalExecuted", {}, now);
  });
}

/** The background round: every request approved but not yet run (a crash, an outage), oldest first. */
export async function runApprovedRequests(db: Db, cp: ControlPlane, now: Date = new Date()): Promise<number> {
  const rows = await db.select({ id: approvalRequests.id }).from(approvalRequests).where(eq(approvalRequests.status, "approved")).orderBy(asc(approvalRequests.id)).limit(50);
  for (const { id } of rows) {
    await runApprovedRequest(db, cp, id, now).catch((e) => console.warn(`[approvals] ${id} not run yet:`, e instanceof Error ? e.message : e));
  }
  return rows.length;
}
