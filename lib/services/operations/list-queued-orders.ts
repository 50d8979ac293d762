import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { operations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { AppError, notFound } from "@/lib/domain/errors";
import type { QueuedOrder } from "@/lib/domain/queued-orders";
import { orgContext } from "../access/org-context";
import { queuedOrderViews } from "./queued-order-view";
import { loadOperationRow } from "./record-operation";
import { OPERATION_ADAPTERS } from "./registry";

// The org's orders waiting for capacity (空き待ち), oldest first, each with its place in its zone's
// line and its estimated start; and one of them. Kinds the role may not read are not shown.

async function readable(principal: Principal, slug: string) {
  const adapters = Object.values(OPERATION_ADAPTERS);
  const { db, orgId, access } = await orgContext(principal, slug, [...new Set(adapters.map((a) => a.readPermission))]);
  return { db, orgId, kinds: adapters.filter((a) => access.permissions.includes(a.readPermission)).map((a) => a.targetKind) };
}

export async function listQueuedOrders(cp: ControlPlane, principal: Principal, slug: string): Promise<{ items: QueuedOrder[]; nextCursor: null }> {
  const { db, orgId, kinds } = await readable(principal, slug);
  if (kinds.length === 0) return { items: [], nextCursor: null };
  const rows = await db
    .select()
    .from(operations)
    .where(and(eq(operations.orgId, orgId), eq(operations.status, "queued"), inArray(operations.targetKind, kinds)))
    .orderBy(asc(operations.createdAt), asc(operations.id));
  // A queue is short by nature (orders waiting now): the whole of it is one page.
  return { items: await queuedOrderViews(db, cp, rows), nextCursor: null };
}

export async function getQueuedOrder(cp: ControlPlane, principal: Principal, slug: string, operationId: string): Promise<QueuedOrder> {
  const { db, orgId, kinds } = await readable(principal, slug);
  const row = await loadOperationRow(db, orgId, operationId);
  if (!row || !kinds.includes(row.targetKind)) throw notFound("operation");
  const [view] = await queuedOrderViews(db, cp, [row]);
  if (!view) throw new AppError("conflict", `the operation is ${row.status}, not waiting for capacity`, { status: row.status });
  return view;
}
