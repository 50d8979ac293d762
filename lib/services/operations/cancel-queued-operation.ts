import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { AppError, notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { endQueuedOperation } from "./queued-operations";
import { loadOperationRow } from "./record-operation";
import { OPERATION_ADAPTERS } from "./registry";
import { toOperation } from "./to-operation";

// 「空き待ちを取り消し」: withdraws an operation still waiting in the capacity queue. Its order is
// rolled back as for a failure (a queued launch goes away; a queued scale-up leaves the pool as it
// was). Repeating it returns the cancelled operation; one that has started cannot be withdrawn.

export async function cancelQueuedOperation(principal: Principal, slug: string, operationId: string): Promise<ConsoleOperation> {
  const adapters = Object.values(OPERATION_ADAPTERS);
  const { db, orgId, access } = await orgContext(principal, slug, [...new Set(adapters.map((a) => a.readPermission))]);
  const row = await loadOperationRow(db, orgId, operationId);
  const adapter = row ? OPERATION_ADAPTERS[row.targetKind] : undefined;
  if (!row || !adapter || !access.permissions.includes(adapter.readPermission)) throw notFound("operation");
  if (!adapter.writePermission || !access.permissions.includes(adapter.writePermission)) throw new AppError("forbidden", "your role may not cancel this operation");
  if (row.status === "cancelled") return toOperation(row);
  const message = `cancelled by ${principal.kind === "api_token" ? principal.name : principal.email} while waiting for capacity`;
  const ended = await endQueuedOperation(db, row.id, "cancelled", { code: "cancelled", message }, new Date(), (tx) =>
    recordAudit(tx, principal, orgId, { action: "operation.cancel", targetType: row.targetKind, targetId: row.targetId, data: { operationId: row.id, kind: row.kind, name: row.targetName } }),
  );
  const after = (await loadOperationRow(db, orgId, row.id)) ?? row;
  if (!ended && after.status !== "cancelled") throw new AppError("conflict", `the operation is ${after.status}; only one waiting for capacity can be cancelled`, { status: after.status });
  return toOperation(after);
}
