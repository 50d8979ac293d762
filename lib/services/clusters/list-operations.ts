import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import { operations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { OperationListQuery, type ConsoleOperation } from "@/lib/domain/clusters-operations";
import { notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { getControlPlane } from "@/lib/control-plane";
import { decodeCursorValue, encodeCursorValue } from "./cursor";
import { syncOperations } from "./follow-operations";
import { loadOperation, toConsoleOperation } from "./operation-records";

// The org's long-running operations (clusters and endpoints), newest first, keyset by id.
// Reading one that is still open catches up with the control plane first.

export async function listOperations(principal: Principal, slug: string, rawQuery: OperationListQuery = {}): Promise<{ items: ConsoleOperation[]; nextCursor: string | null }> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.read");
  const query = OperationListQuery.parse(rawQuery);
  const cursor = decodeCursorValue(query.cursor, ["i"]);
  const rows = await db
    .select()
    .from(operations)
    .where(
      and(
        eq(operations.orgId, orgId),
        query.targetId ? eq(operations.targetId, query.targetId) : undefined,
        query.status ? eq(operations.status, query.status) : undefined,
        cursor ? lt(operations.id, cursor.i) : undefined,
      ),
    )
    .orderBy(desc(operations.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const nextCursor = rows.length > query.limit ? encodeCursorValue({ i: page[page.length - 1].id }) : null;
  return { items: page.map(toConsoleOperation), nextCursor };
}

export async function getOperation(principal: Principal, slug: string, operationId: string): Promise<ConsoleOperation> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.read");
  let row = await loadOperation(db, orgId, operationId);
  if (!row) throw notFound("operation");
  if ((row.status === "pending" || row.status === "running") && row.targetKind === "cluster") {
    await syncOperations(db, await getControlPlane(), { orgId, targetId: row.targetId }).catch(() => undefined);
    row = (await loadOperation(db, orgId, operationId)) ?? row;
  }
  return toConsoleOperation(row);
}
