import "server-only";
import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { endpointAdapters } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/domain/errors";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { loadEndpoint } from "../endpoints/records";
import { fingerprintOf, loadOperationRow, recordOperation, replayOf } from "../operations/record-operation";
import { submitRecorded } from "../operations/run-operations";
import { toOperation } from "../operations/to-operation";
import type { AdapterSubmission } from "./adapter-operations";
import { loadAdapter } from "./adapter-records";

// Detaching an adapter from an endpoint: an operation of the one engine. The adapter is still
// served (`detaching`) until the replicas have unloaded it; then the attachment is gone and the
// adapter may be deleted.

export async function detachAdapter(principal: Principal, slug: string, endpointId: string, adapterId: string, cp: ControlPlane, options: { idempotencyKey?: string } = {}): Promise<ConsoleOperation> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  const fingerprint = fingerprintOf("adapter.detach", adapterId, { endpointId });
  const replay = await replayOf(db, orgId, options.idempotencyKey, fingerprint);
  if (replay) return toOperation(replay);

  const row = await db.transaction(async (tx) => {
    const endpoint = await loadEndpoint(tx, orgId, endpointId, { forUpdate: true });
    const adapter = await loadAdapter(tx, orgId, adapterId);
    const where = and(eq(endpointAdapters.orgId, orgId), eq(endpointAdapters.endpointId, endpoint.id), eq(endpointAdapters.adapterId, adapter.id));
    const [attachment] = await tx.select({ state: endpointAdapters.state }).from(endpointAdapters).where(where);
    if (!attachment) throw notFound("adapter attachment");
    if (attachment.state !== "attached") throw new AppError("conflict", `the adapter is ${attachment.state} on this endpoint; wait for that to finish`, { state: attachment.state });
    await tx.update(endpointAdapters).set({ state: "detaching" }).where(where);
    const submission: AdapterSubmission = { endpointId: endpoint.id, change: { action: "detach", id: adapter.id } };
    const op = await recordOperation(tx, {
      orgId,
      kind: "adapter.detach",
      targetKind: "adapter",
      targetId: adapter.id,
      targetName: adapter.name,
      request: { endpointId: endpoint.id, endpointName: endpoint.name },
      submission: { ...submission },
      fingerprint,
      idempotencyKey: options.idempotencyKey,
      principal,
    });
    await recordAudit(tx, principal, orgId, { action: "adapter.detach", targetType: "adapter", targetId: adapter.id, data: { name: adapter.name, endpointId: endpoint.id, endpointName: endpoint.name, operationId: op.id } });
    return op;
  });
  const { refusal } = await submitRecorded(db, cp, row);
  if (refusal) throw new AppError("conflict", refusal.message, { ...refusal.details, operationId: row.id });
  return toOperation((await loadOperationRow(db, orgId, row.id)) ?? row);
}
