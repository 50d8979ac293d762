import "server-only";
import { and, eq } from "drizzle-orm";
import { capacityReservations } from "@/lib/db/schema";
import type { Operation as ControlPlaneOperation } from "@/lib/domain/control-plane";
import type { ReservationSpecInput } from "@/lib/domain/control-plane-reservations";
import { defineOperationAdapter } from "../operations/adapter";

// Ordering a reservation as an operation of the one engine (../operations/README.md). The fleet
// holds the machines in one call keyed by the reservation id (a repeat returns the same hold), so
// the engine's submission is the whole job: an accepted hold is a succeeded operation at once; a
// control-plane outage leaves it pending for the runner; a refusal (someone took the machines
// since the check) fails it and the order is kept as refused, never listed, never billed.

export interface ReservationSubmission {
  spec: ReservationSpecInput;
}

const held = (row: { id: string; orgId: string; createdAt: Date }, spec: ReservationSpecInput): ControlPlaneOperation =>
  ({
    // The hold has no operation of its own on the control plane: this one is already finished.
    id: `hold_${spec.reservationId}`,
    tenantId: row.orgId,
    kind: "reservation.create",
    target: { kind: "reservation", id: spec.reservationId },
    status: "succeeded",
    progress: 100,
    steps: [{ name: "holding_capacity", status: "succeeded" }],
    startedAt: row.createdAt.toISOString(),
    finishedAt: new Date().toISOString(),
  }) as unknown as ControlPlaneOperation;

export const reservationOperations = defineOperationAdapter<null>({
  targetKind: "reservation",
  readPermission: "reservations.read",
  async submit(cp, row) {
    const { spec } = row.submission as unknown as ReservationSubmission;
    await cp.createReservation(spec);
    return held(row, spec);
  },
  async applyOutcome(tx, row, outcome) {
    if (outcome.status === "running") return;
    const state = outcome.status === "succeeded" ? "ordered" : "refused";
    await tx
      .update(capacityReservations)
      .set({ state })
      .where(and(eq(capacityReservations.orgId, row.orgId), eq(capacityReservations.id, row.targetId), eq(capacityReservations.state, "submitting")));
  },
});
