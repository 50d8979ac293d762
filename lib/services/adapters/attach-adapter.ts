import "server-only";
import { and, count, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { endpointAdapters } from "@/lib/db/schema";
import { maxAdaptersOf } from "@/lib/domain/adapters/adapter-capacity";
import { AttachAdapterInput } from "@/lib/domain/adapters/endpoint-adapters-api";
import { AppError } from "@/lib/domain/errors";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { loadEndpoint } from "../endpoints/records";
import { fingerprintOf, loadOperationRow, recordOperation, replayOf } from "../operations/record-operation";
import { submitRecorded } from "../operations/run-operations";
import { toOperation } from "../operations/to-operation";
import type { AdapterSubmission } from "./adapter-operations";
import { loadAdapter } from "./adapter-records";

// Attaching an adapter to an endpoint: an operation of the one engine (./adapter-operations.ts).
// The endpoint and the adapter are locked while the order is checked and recorded — same base
// model, weights uploaded, not attached yet, room under the shape's bound — so two attaches at
// once cannot both take the last place, and a delete of the adapter waits and then sees it attached.

export async function attachAdapter(principal: Principal, slug: string, endpointId: string, raw: AttachAdapterInput, cp: ControlPlane, options: { idempotencyKey?: string } = {}): Promise<ConsoleOperation> {
  const input = AttachAdapterInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  const fingerprint = fingerprintOf("adapter.attach", input.adapterId, { endpointId });
  const replay = await replayOf(db, orgId, options.idempotencyKey, fingerprint);
  if (replay) return toOperation(replay);

  const row = await db.transaction(async (tx) => {
    const endpoint = await loadEndpoint(tx, orgId, endpointId, { forUpdate: true });
    const adapter = await loadAdapter(tx, orgId, input.adapterId, { forUpdate: true });
    if (adapter.status !== "ready" || !adapter.sha256) throw new AppError("business_rule", "upload the adapter's weights before attaching it", { field: "adapterId", status: adapter.status });
    if (adapter.baseModelId !== endpoint.modelId) {
      throw new AppError("business_rule", `the adapter is for ${adapter.baseModelId}; this endpoint serves ${endpoint.modelId}`, { field: "adapterId", adapterBaseModelId: adapter.baseModelId, endpointModelId: endpoint.modelId });
    }
    if (endpoint.status !== "running") throw new AppError("conflict", `the endpoint is ${endpoint.status}; attach adapters while it is running`, { status: endpoint.status });
    const [already] = await tx
      .select({ state: endpointAdapters.state })
      .from(endpointAdapters)
      .where(and(eq(endpointAdapters.orgId, orgId), eq(endpointAdapters.endpointId, endpoint.id), eq(endpointAdapters.adapterId, adapter.id)));
    if (already) throw new AppError("conflict", `the adapter is already ${already.state} on this endpoint`, { state: already.state });
    const max = maxAdaptersOf(endpoint.shapeId);
    const [{ n }] = await tx.select({ n: count() }).from(endpointAdapters).where(and(eq(endpointAdapters.orgId, orgId), eq(endpointAdapters.endpointId, endpoint.id)));
    if (n >= max) throw new AppError("business_rule", `a ${endpoint.shapeId} endpoint serves at most ${max} adapters`, { maxAdapters: max, shapeId: endpoint.shapeId });

    await tx.insert(endpointAdapters).values({ orgId, endpointId: endpoint.id, adapterId: adapter.id, adapterName: adapter.name, state: "attaching" });
    const submission: AdapterSubmission = { endpointId: endpoint.id, change: { action: "attach", id: adapter.id, name: adapter.name, sha256: adapter.sha256 } };
    const op = await recordOperation(tx, {
      orgId,
      kind: "adapter.attach",
      targetKind: "adapter",
      targetId: adapter.id,
      targetName: adapter.name,
      request: { endpointId: endpoint.id, endpointName: endpoint.name },
      submission: { ...submission },
      fingerprint,
      idempotencyKey: options.idempotencyKey,
      principal,
    });
    await recordAudit(tx, principal, orgId, { action: "adapter.attach", targetType: "adapter", targetId: adapter.id, data: { name: adapter.name, endpointId: endpoint.id, endpointName: endpoint.name, sha256: adapter.sha256, operationId: op.id } });
    return op;
  });
  const { refusal } = await submitRecorded(db, cp, row);
  if (refusal) throw new AppError("conflict", refusal.message, { ...refusal.details, operationId: row.id });
  return toOperation((await loadOperationRow(db, orgId, row.id)) ?? row);
}
