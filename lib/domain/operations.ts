import { z } from "zod";
import { Timestamp } from "./common";

// The one public Operation (api.md "Long-running work"): every long-running change of every
// resource kind (clusters, endpoints, …) answers 202 with it and a Location header, and
// /orgs/{org}/operations lists them across kinds. The engine is lib/services/operations. The
// console's record exists before the control plane has accepted the work: `pending` means
// "saved, waiting to be submitted" (for example during a control-plane outage), then it follows
// the control plane's own operation until it succeeds or fails; `cancelled` is an order withdrawn
// before the control plane accepted it.

export const CONSOLE_OPERATION_KINDS = [
  "cluster.create",
  "cluster.update",
  "cluster.delete",
  "cluster.scale_pool",
  "cluster.add_pool",
  "cluster.remove_pool",
  "cluster.upgrade",
  "endpoint.create",
  "endpoint.update",
  "endpoint.delete",
  "reservation.create",
  "adapter.attach",
  "adapter.detach",
] as const;
export const ConsoleOperationKind = z.enum(CONSOLE_OPERATION_KINDS);
export type ConsoleOperationKind = z.infer<typeof ConsoleOperationKind>;

export const OperationTargetKind = z.enum(["cluster", "endpoint", "reservation", "adapter"]);
export type OperationTargetKind = z.infer<typeof OperationTargetKind>;

export const OperationStatus = z.enum(["queued", "pending", "running", "succeeded", "failed", "cancelled"]);
export type OperationStatus = z.infer<typeof OperationStatus>;

export const ConsoleOperationStep = z.object({
  /** Stable id such as "booting_nodes"; the UI translates it. */
  name: z.string(),
  status: z.enum(["pending", "running", "succeeded", "failed", "skipped"]),
});

export const ConsoleOperation = z.object({
  id: z.string(),
  kind: ConsoleOperationKind,
  /** The resource it changes; `kind` is the part of `kind` before the dot. */
  target: z.object({ kind: OperationTargetKind, id: z.string(), name: z.string().nullable() }),
  status: OperationStatus,
  progress: z.number().int().min(0).max(100),
  steps: z.array(ConsoleOperationStep),
  /** The step running now (or the one that failed). */
  currentStep: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** What was asked, e.g. { poolId, count } for a scale. */
  request: z.record(z.string(), z.unknown()),
  /** Submission attempts to the control plane (more than one after an outage). */
  attempts: z.number().int(),
  requestedBy: z.string().nullable(),
  startedAt: Timestamp,
  updatedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type ConsoleOperation = z.infer<typeof ConsoleOperation>;

export const OperationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  targetId: z.string().max(64).optional(),
  /** Only operations on this kind of resource. */
  targetKind: OperationTargetKind.optional(),
  status: OperationStatus.optional(),
});
export type OperationListQuery = z.input<typeof OperationListQuery>;

export const isTerminal = (status: OperationStatus) => status === "succeeded" || status === "failed" || status === "cancelled";
