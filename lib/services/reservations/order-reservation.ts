import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { capacityReservations } from "@/lib/db/schema";
import { findZone } from "@/lib/domain/catalog";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { ReservationRequest, type ReservationRequestInput } from "@/lib/domain/reservations/reservations-api";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import { orgContext } from "../access/org-context";
import { lockOrg } from "../clusters/cluster-records";
import { recordAudit } from "../audit/record";
import { fingerprintOf, loadOperationRow, recordOperation, replayOf } from "../operations/record-operation";
import { isTemporary } from "../operations/retry-rule";
import { submitRecorded } from "../operations/run-operations";
import { toOperation } from "../operations/to-operation";
import { assertResidencyAllowed } from "../residency/residency-policy";
import type { ReservationSubmission } from "./reservation-operations";
import { fleetNow, priceFor, windowOf } from "./reservation-terms";
import { gpusOf } from "./to-reservation";

// 「キャパシティ予約」: order a reservation at the quoted price, as an operation of the one engine
// (./reservation-operations.ts). The order, its operation (carrying the Idempotency-Key) and the
// audit entry are written in one transaction before the fleet is asked to hold the machines, and
// the hold is keyed by the reservation id: a process that dies in between leaves a pending
// operation the runner completes — never machines held without a record, never two holds for one
// order. A window the fleet cannot guarantee is refused with the earliest start it can, before
// anything is written; during a control-plane outage the order is kept pending instead.

export interface OrderOptions {
  idempotencyKey?: string;
  /** Set by the 稟議 executor (place-reservation-order.ts): the key is derived from the request. */
  approvedRequestId?: string;
  outcome?: OutcomeRecorder<ConsoleOperation>;
}

/** The fleet's clock, or this machine's while the control plane cannot be reached. */
async function nowOf(cp: ControlPlane): Promise<{ nowMs: number; reachable: boolean }> {
  try {
    return { nowMs: await fleetNow(cp), reachable: true };
  } catch (error) {
    if (!isTemporary(error)) throw error;
    return { nowMs: Date.now(), reachable: false };
  }
}

export async function orderReservation(cp: ControlPlane, principal: Principal, slug: string, rawInput: ReservationRequestInput, options: OrderOptions = {}): Promise<ConsoleOperation> {
  const input = ReservationRequest.parse(rawInput);
  const { db, orgId } = await orgContext(principal, slug, "reservations.order");
  const fingerprint = fingerprintOf("reservation.create", null, input);
  const internal = { internal: options.approvedRequestId !== undefined };
  const replay = await replayOf(db, orgId, options.idempotencyKey, fingerprint, internal);
  if (replay) return toOperation(replay);
  const zone = findZone(input.zoneId)!;
  await assertResidencyAllowed(db, orgId, zone.regionId, "zoneId");
  const { nowMs, reachable } = await nowOf(cp);
  const window = windowOf(input, nowMs);
  const price = await priceFor(db, orgId, input, window.startsAt);
  if (reachable) {
    const availability = await cp
      .checkReservation({ shapeId: input.shapeId, zoneId: input.zoneId, count: input.count, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() })
      .catch((error: unknown) => {
        if (isTemporary(error)) return null; // unknown now: the submission decides
        throw error;
      });
    if (availability && !availability.available) {
      throw new AppError("capacity_unavailable", `${input.count} × ${input.shapeId} cannot be guaranteed in ${input.zoneId} from ${window.startsAt.toISOString()}`, {
        field: "startDate",
        earliestStartAt: availability.earliestStartAt,
        basis: availability.basis,
      });
    }
  }

  const id = newId("reservation");
  const submission: ReservationSubmission = {
    spec: { tenantId: orgId, reservationId: id, shapeId: input.shapeId, zoneId: zone.id, count: input.count, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() },
  };
  const recorded = await db.transaction(async (tx) => {
    // Under the org's lock: a second runner of the same approved order finds the first's operation.
    await lockOrg(tx, orgId);
    const already = await replayOf(tx, orgId, options.idempotencyKey, fingerprint, internal);
    if (already) return { op: already, fresh: false };
    await tx.insert(capacityReservations).values({
      id,
      orgId,
      shapeId: input.shapeId,
      regionId: zone.regionId,
      zoneId: zone.id,
      count: input.count,
      gpuCount: gpusOf(input.shapeId, input.count),
      term: input.term,
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      reservedHourRu: price.reservedHourRu,
      termDiscountBps: price.termDiscountBps,
      contractDiscountBps: price.contractDiscountBps,
      totalCommitmentJpy: price.totalCommitmentJpy,
      state: "submitting",
      createdBy: principal.userId ?? null,
    });
    const op = await recordOperation(tx, {
      orgId,
      kind: "reservation.create",
      targetKind: "reservation",
      targetId: id,
      targetName: `${input.count} × ${input.shapeId} (${zone.id})`,
      request: { ...input, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString(), totalCommitmentJpy: price.totalCommitmentJpy },
      submission: { ...submission },
      fingerprint,
      idempotencyKey: options.idempotencyKey,
      principal,
    });
    await recordAudit(tx, principal, orgId, {
      action: "reservation.order",
      targetType: "reservation",
      targetId: id,
      data: { ...submission.spec, term: input.term, totalCommitmentJpy: price.totalCommitmentJpy, operationId: op.id, approvalRequestId: options.approvedRequestId ?? null },
    });
    await options.outcome?.recordIn(tx, toOperation(op));
    return { op, fresh: true };
  });
  const row = recorded.op;
  if (!recorded.fresh) return toOperation((await loadOperationRow(db, orgId, row.id)) ?? row);
  const { refusal } = await submitRecorded(db, cp, row);
  // The fleet said no after all (someone took the machines since the check): the caller hears it now.
  if (refusal) throw new AppError(refusal.code === "capacity_unavailable" ? "capacity_unavailable" : "business_rule", refusal.message, { ...refusal.details, operationId: row.id });
  return toOperation((await loadOperationRow(db, orgId, row.id)) ?? row);
}
