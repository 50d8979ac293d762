import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { clusterNodePools, clusters } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { findShape } from "@/lib/domain/catalog";
import { CreateClusterInput } from "@/lib/domain/clusters";
import type { DbOrTx } from "@/lib/db/client";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { assertQuotaAvailable } from "../quotas/quota-usage";
import { checkOrderAllocation, recordAllocation } from "../cost-centers/order-allocation";
import { assertResidencyAllowed } from "../residency/residency-policy";
import { gpusByModel, lockOrg, newPoolRow, regionOfZone, summarise, syncReservations, toPoolSpec, type PoolRow } from "./cluster-records";
import { assertCapacity, assertReservationDraws, checkCapacity, type PoolDemand } from "./launch-checks";
import { fingerprintOf, loadOperationRow, recordOperation, replayOf } from "../operations/record-operation";
import { submitRecorded } from "../operations/run-operations";
import { toOperation } from "../operations/to-operation";
import type { OperationRow } from "../operations/adapter";
import type { QueueTicket } from "@/lib/domain/queued-orders";
import { queueTicketFor, waitsForCapacity } from "./queue-ticket";

// 「クラスター作成」: validate, check residency, quota and capacity (each error names its field),
// record the order and its operation in one transaction with the audit entry and the GPU
// reservation, then submit it to the control plane. If the control plane cannot be reached the
// order stays pending and the sync loop submits it later — it is never lost.

export interface MutationOptions {
  /**
   * The client's Idempotency-Key: the same intent twice returns the first operation. Stored on the
   * operation in the transaction that records the order (lib/services/operations), so a retry
   * after a crash at any point gets the one operation there is.
   */
  idempotencyKey?: string;
  /** Commits the API's answer with the order (the wrapper's record), so a retry after a crash gets it. */
  outcome?: OutcomeRecorder<ConsoleOperation>;
}

export async function launchCluster(cp: ControlPlane, principal: Principal, slug: string, rawInput: unknown, options: MutationOptions = {}): Promise<ConsoleOperation> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.write");
  const input = CreateClusterInput.parse(rawInput);
  const fingerprint = fingerprintOf("cluster.create", null, input);
  const replay = await replayOf(db, orgId, options.idempotencyKey, fingerprint);
  if (replay) return toOperation(replay);

  const regionId = regionOfZone(input.zoneId);
  await assertResidencyAllowed(db, orgId, regionId, "zoneId");
  const allocation = await checkOrderAllocation(db, orgId, input);

  const clusterId = newId("cluster");
  const pools = input.nodePools.map((p, i) => ({ ...p, id: newId("nodePool", Date.now() + i) }));
  const demands: PoolDemand[] = pools.map((p, index) => ({ index, field: `nodePools.${index}.count`, shapeId: p.shapeId, additional: p.count, topology: p.topology, reservationId: p.reservationId }));
  const capacity = await checkCapacity(cp, db, orgId, input.zoneId, demands);
  const ticket = queueTicketFor(input.queue, { zoneId: input.zoneId, regionId }, demands, new Date());
  const queued = waitsForCapacity(ticket, capacity.pools);
  if (!queued) assertCapacity(input.zoneId, demands, capacity.pools);
  await assertReservationDraws(cp, db, orgId, input.zoneId, demands);

  const row = await db.transaction(async (tx) => {
    await lockOrg(tx, orgId);
    const [taken] = await tx
      .select({ id: clusters.id })
      .from(clusters)
      .where(and(eq(clusters.orgId, orgId), eq(clusters.name, input.name), ne(clusters.status, "deleted")))
      .limit(1);
    if (taken) throw new AppError("already_exists", `a cluster named ${input.name} already exists`, { field: "name" });
    for (const [gpuModel, gpus] of gpusByModel(pools)) {
      const index = pools.findIndex((p) => findShape(p.shapeId)?.gpuModel === gpuModel);
      await assertQuotaAvailable(tx, orgId, { regionId, gpuModel, gpus, field: `nodePools.${index}.count` });
    }
    const op = await recordLaunch(tx, { orgId, regionId, clusterId, input, pools, fingerprint, idempotencyKey: options.idempotencyKey, principal, queue: ticket && { ticket, waitNow: queued } });
    await recordAllocation(tx, principal, orgId, { kind: "cluster", id: clusterId }, allocation);
    await options.outcome?.recordIn(tx, toOperation(op));
    return op;
  });

  if (!queued) await submitRecorded(db, cp, row);
  return toOperation((await loadOperationRow(db, orgId, row.id)) ?? row);
}

interface LaunchRecord {
  orgId: string;
  regionId: string;
  clusterId: string;
  input: CreateClusterInput;
  pools: (CreateClusterInput["nodePools"][number] & { id: string })[];
  fingerprint: string;
  idempotencyKey?: string;
  principal: Principal;
  /** 空き待ち: what it may wait for, and whether it waits now (nothing is held while it waits). */
  queue?: { ticket: QueueTicket; waitNow: boolean };
}

/** The order, its pools, the GPU reservation, the operation and the audit entry (one transaction). */
export async function recordLaunch(tx: DbOrTx, launch: LaunchRecord): Promise<OperationRow> {
  const { orgId, regionId, clusterId, input, pools, fingerprint, principal } = launch;
  const options = { idempotencyKey: launch.idempotencyKey };
  const now = new Date();
  await tx.insert(clusters).values({
    id: clusterId,
    orgId,
    name: input.name,
    regionId,
    zoneId: input.zoneId,
    kubernetesVersion: input.kubernetesVersion,
    controlPlane: input.controlPlane,
    network: input.network,
    status: launch.queue?.waitNow ? "queued" : "provisioning",
    ...summarise(input.controlPlane, pools),
    createdBy: principal.email,
    createdAt: now,
    updatedAt: now,
  });
  const poolRows: PoolRow[] = await tx
    .insert(clusterNodePools)
    .values(pools.map((p) => newPoolRow(orgId, clusterId, p.id, p, now)))
    .returning();
  if (!launch.queue?.waitNow) await syncReservations(tx, { orgId, id: clusterId, regionId }, poolRows);
  const op = await recordOperation(tx, {
    orgId,
    kind: "cluster.create",
    targetKind: "cluster",
    targetId: clusterId,
    targetName: input.name,
    request: { ...input },
    status: launch.queue?.waitNow ? "queued" : "pending",
    queue: launch.queue?.ticket,
    submission: {
      type: "create",
      spec: {
        tenantId: orgId,
        clusterId,
        name: input.name,
        zoneId: input.zoneId,
        kubernetesVersion: input.kubernetesVersion,
        controlPlane: input.controlPlane,
        nodePools: poolRows.map(toPoolSpec),
        network: input.network,
      },
    },
    fingerprint,
    idempotencyKey: options.idempotencyKey,
    principal,
  });
  await recordAudit(tx, principal, orgId, {
    action: "cluster.create",
    targetType: "cluster",
    targetId: clusterId,
    data: { name: input.name, zoneId: input.zoneId, kubernetesVersion: input.kubernetesVersion, controlPlane: input.controlPlane, nodePools: pools.map((p) => ({ name: p.name, shapeId: p.shapeId, count: p.count })), operationId: op.id, queued: launch.queue?.waitNow ?? false, queueDeadline: launch.queue?.ticket.deadline ?? null },
  });
  return op;
}
