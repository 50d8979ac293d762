import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import type { operations } from "@/lib/db/schema";
import type { ControlPlane } from "@/lib/control-plane";
import type { Operation as ControlPlaneOperation } from "@/lib/domain/control-plane";
import type { Permission } from "@/lib/domain/permissions";

// What a resource kind plugs into the operations engine. The engine owns the row, the state
// machine, retries and idempotency; an adapter knows only how to hand its work to the control
// plane and what an outcome means for its resource. See ./README.md for how to add one.

export type OperationRow = typeof operations.$inferSelect;

export interface OperationError {
  code: string;
  message: string;
}

export interface Outcome<Observed> {
  /** running: progress only; succeeded / failed: the operation has just finished. */
  status: "running" | "succeeded" | "failed";
  error: OperationError | null;
  /** The control plane said no to the submission itself (nothing was started there). */
  refusedAtSubmit: boolean;
  /** What `observe` read from the control plane (outside the transaction). */
  observed: Observed | null;
}

export interface OperationAdapter<Observed = unknown> {
  /** The operations' `target_kind`, e.g. "cluster". Kinds are `<targetKind>.<verb>`. */
  targetKind: string;
  /** Who may read these operations (the org-wide list filters by it). */
  readPermission: Permission;
  /** Hands the operation to the control plane; the row id is its idempotency key there. */
  submit(cp: ControlPlane, row: OperationRow): Promise<ControlPlaneOperation>;
  /**
   * Reads what the outcome needs from the control plane (e.g. the resource as it now is). Called
   * outside any transaction (the embedded control plane shares the database); may return null.
   */
  observe?(cp: ControlPlane, row: OperationRow, status: Outcome<Observed>["status"]): Promise<Observed | null>;
  /** The control plane accepted the operation (inside the engine's transaction). */
  accepted?(tx: DbOrTx, row: OperationRow, now: Date): Promise<void>;
  /** Applies progress or the outcome to the resource, in the engine's transaction. */
  applyOutcome(tx: DbOrTx, row: OperationRow, outcome: Outcome<Observed>, now: Date): Promise<void>;
  /** In-process effects after the transaction committed (e.g. drop a cache entry). */
  afterCommit?(row: OperationRow): void;
  /** Who may cancel one of these operations while it waits in the capacity queue. */
  writePermission?: Permission;
  /**
   * 空き待ち: a queued operation is about to start (inside the engine's transaction). Re-runs the
   * order's own checks as at creation (quota, residency, …) and takes what a started order holds;
   * throws an AppError to fail the operation with that reason instead.
   */
  startQueued?(tx: DbOrTx, row: OperationRow, now: Date): Promise<void>;
  /** The control plane refused a just-started queued operation for capacity: undo `startQueued`. */
  returnToQueue?(tx: DbOrTx, row: OperationRow, now: Date): Promise<void>;
}

/** Type-checks an adapter against what it observes, and erases that for the registry. */
export const defineOperationAdapter = <Observed>(adapter: OperationAdapter<Observed>): OperationAdapter => adapter as unknown as OperationAdapter;
