import "server-only";
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { operations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { OperationListQuery, type ConsoleOperation } from "@/lib/domain/operations";
import { notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { decodeCursor, encodeCursor } from "@/lib/domain/cursor";
import { OPERATION_ADAPTERS } from "./registry";
import { loadOperationRow } from "./record-operation";
import { toOperation } from "./to-operation";

// The org's long-running operations across every resource kind, newest first (keyset by id).
// Each kind is shown only to roles that may read that kind of resource; a read never writes
// (following open work is the runner's job, lib/services/operations/register.ts).

async function readableKinds(principal: Principal, slug: string) {
  const adapters = Object.values(OPERATION_ADAPTERS);
  const { db, orgId, access } = await orgContext(principal, slug, [...new Set(adapters.map((a) => a.readPermission))]);
  const kinds = adapters
    .filter((a) => access.permissions.includes(a.readPermission))
    .map((a) => a.targetKind);
  return { db, orgId, kinds };
}

export async function listOperations(principal: Principal, slug: string, rawQuery: OperationListQuery = {}): Promise<{ items: ConsoleOperation[]; nextCursor: string | null }> {
  const { db, orgId, kinds } = await readableKinds(principal, slug);
  const query = OperationListQuery.parse(rawQuery);
  const cursor = decodeCursor<{ i: string }>(query.cursor, ["i"]);
  const visible = query.targetKind ? kinds.filter((k) => k === query.targetKind) : kinds;
  if (visible.length === 0) return { items: [], nextCursor: null };
  const rows = await db
    .select()
    .from(operations)
    .where(
      and(
        eq(operations.orgId, orgId),
        inArray(operations.targetKind, visible),
        query.targetId ? eq(operations.targetId, query.targetId) : undefined,
        query.status ? eq(operations.status, query.status) : undefined,
        cursor ? lt(operations.id, cursor.i) : undefined,
      ),
    )
    .orderBy(desc(operations.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const nextCursor = rows.length > query.limit ? encodeCursor({ i: page[page.length - 1].id }) : null;
  return { items: page.map(toOperation), nextCursor };
}

/** One operation; another org's, or a kind the role may not read, is a 404. */
export async function getOperation(principal: Principal, slug: string, operationId: string): Promise<ConsoleOperation> {
  const { db, orgId, kinds } = await readableKinds(principal, slug);
  const row = await loadOperationRow(db, orgId, operationId);
  if (!row || !kinds.includes(row.targetKind)) throw notFound("operation");
  return toOperation(row);
}
