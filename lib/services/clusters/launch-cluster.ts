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
import { lockOrg, quotaGpusByModel, newPoolRow, regionOfZone, summarise, syncReservations, toPoolSpec, type PoolRow } from "./cluster-records";
import { assertCapacity, assertReservationDraws, checkCapacity, checkQuota, type PoolDemand } from "./launch-checks";
import { priceQuote } from "./preflight-cluster";
import { approvalPolicyFor } from "../approvals/approval-check";
import { answeredUnder, holdOrder, requireApprovalInput, type HoldableOrderOptions } from "../approvals/request-approval";
import type { HeldOrOrdered } from "@/lib/domain/approval-requests";
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

/** What ordering a cluster gives: the launch operation, or the 稟議 it waits in (a rule applied). */
export type ClusterOrder = HeldOrOrdered;
export type ClusterOrderOptions = HoldableOrderOptions;

/**
 * The one cluster create service, for an order with or without a 稟議 rule: the same checks, then
 * either the order (recorded and submitted) or, when a rule applies to its estimated monthly
 * amount, a 稟議 holding it — nothing reaches the control plane before the last approval.
 */
export async function orderCluster(cp: ControlPlane, principal: Principal, slug: string, rawInput: unknown, options: ClusterOrderOptions = {}): Promise<ClusterOrder> {
  const { db, orgId, access } = await orgContext(principal, slug, "clusters.write");
  const input = CreateClusterInput.parse(rawInput);
  const { approval, ...order } = input;
  const fingerprint = fingerprintOf("cluster.create", null, input);
  const internalKey = options.approvedRequestId !== undefined;
  const answered = await answeredUnder(db, orgId, options.idempotencyKey, fingerprint, principal.userId, internalKey);
  if (answered) return answered;

  const regionId = regionOfZone(input.zoneId);
  await assertResidencyAllowed(db, orgId, regionId, "zoneId");
  const allocation = await checkOrderAllocation(db, orgId, input);

  const clusterId = newId("cluster");
  const pools = order.nodePools.map((p, i) => ({ ...p, id: newId("nodePool", Date.now() + i) }));
  const demands: PoolDemand[] = pools.map((p, index) => ({ index, field: `nodePools.${index}.count`, shapeId: p.shapeId, additional: p.count, topology: p.topology, reservationId: p.reservationId }));
  if (!internalKey) {
    const quote = await priceQuote(db, orgId, order.controlPlane, pools.map((p) => ({ label: p.name, shapeId: p.shapeId, count: p.count })));
    const perMonth = quote.contractPerMonth ?? quote.listPerMonth;
    const policy = await approvalPolicyFor(db, orgId, "cluster.create", perMonth);
    if (policy) {
      requireApprovalInput({ approval, policy });
      await assertNameFree(db, orgId, order.name);
      const capacity = await checkCapacity(cp, db, orgId, input.zoneId, demands);
      const quota = await checkQuota(db, orgId, regionId, quotaGpusByModel(pools));
      return holdOrder(db, principal, access.org, {
        action: "cluster.create",
        approval,
        order: { ...order },
        targetName: order.name,
        perHour: quote.contractPerHour ?? quote.listPerHour,
        perMonth,
        basis: quote.contractPerMonth === null ? "list" : "contract",
        policy,
        allocation,
        snapshot: { capacityKnown: capacity.known, pools: capacity.pools, quota },
        fingerprint,
      }, options);
    }
  }

  const capacity = await checkCapacity(cp, db, orgId, input.zoneId, demands);
  const ticket = queueTicketFor(input.queue, { zoneId: input.zoneId, regionId }, demands, new Date());
  const queued = waitsForCapacity(ticket, capacity.pools);
  if (!queued) assertCapacity(input.zoneId, demands, capacity.pools);
  await assertReservationDraws(cp, db, orgId, input.zoneId, demands);

  const row = await db.transaction(async (tx) => {
    await lockOrg(tx, orgId);
    // Under the org's lock: a second runner of the same approved order (a retry, another instance) finds the first's operation.
    const already = await replayOf(tx, orgId, options.idempotencyKey, fingerprint, { internal: internalKey });
    if (already) return { row: already, fresh: false };
    await assertNameFree(tx, orgId, order.name);
    for (const [gpuModel, gpus] of quotaGpusByModel(pools)) {
      const index = pools.findIndex((p) => !p.reservationId && findShape(p.shapeId)?.gpuModel === gpuModel);
      await assertQuotaAvailable(tx, orgId, { regionId, gpuModel, gpus, field: `nodePools.${index}.count` });
    }
    const op = await recordLaunch(tx, { orgId, regionId, clusterId, input: order, pools, fingerprint, idempotencyKey: options.idempotencyKey, principal, queue: ticket && { ticket, waitNow: queued }, approvalRequestId: options.approvedRequestId });
    await recordAllocation(tx, principal, orgId, { kind: "cluster", id: clusterId }, allocation);
    await options.outcome?.recordIn(tx, { kind: "operation", operation: toOperation(op) });
    return { row: op, fresh: true };
  });

  // A queued launch waits for the capacity-queue round; a replay found under the lock was submitted by its first run.
  if (row.fresh && !queued) await submitRecorded(db, cp, row.row);
  return { kind: "operation", operation: toOperation((await loadOperationRow(db, orgId, row.row.id)) ?? row.row) };
}

/**
 * Launching when the caller knows no 稟議 rule applies (tests, seeds): the order's operation, or
 * a business_rule refusal naming the request it was held in.
 */
export async function launchCluster(cp: ControlPlane, principal: Principal, slug: string, rawInput: unknown, options: { idempotencyKey?: string } = {}): Promise<ConsoleOperation> {
  const result = await orderCluster(cp, principal, slug, rawInput, options);
  if (result.kind === "operation") return result.operation;
  throw new AppError("business_rule", "this order is held for approval (稟議)", { approvalRequestId: result.approvalRequest.id });
}

async function assertNameFree(db: DbOrTx, orgId: string, name: string): Promise<void> {
  const [taken] = await db
    .select({ id: clusters.id })
    .from(clusters)
    .where(and(eq(clusters.orgId, orgId), eq(clusters.name, name), ne(clusters.status, "deleted")))
    .limit(1);
  if (taken) throw new AppError("already_exists", `a cluster named ${name} already exists`, { field: "name" });
}

interface LaunchRecord {
  orgId: string;
  regionId: string;
  clusterId: string;
  input: Omit<CreateClusterInput, "approval">;
  pools: (CreateClusterInput["nodePools"][number] & { id: string })[];
  fingerprint: string;
  idempotencyKey?: string;
  principal: Principal;
  /** 空き待ち: what it may wait for, and whether it waits now (nothing is held while it waits). */
  queue?: { ticket: QueueTicket; waitNow: boolean };
  /** The 稟議 this order was approved under (kept in the audit entry). */
  approvalRequestId?: string;
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
    data: { approvalRequestId: launch.approvalRequestId ?? null, name: input.name, zoneId: input.zoneId, kubernetesVersion: input.kubernetesVersion, controlPlane: input.controlPlane, nodePools: pools.map((p) => ({ name: p.name, shapeId: p.shapeId, count: p.count })), operationId: op.id, queued: launch.queue?.waitNow ?? false, queueDeadline: launch.queue?.ticket.deadline ?? null },
  });
  return op;
}
