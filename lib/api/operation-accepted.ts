import type { ConsoleOperation } from "@/lib/domain/operations";
import { accepted, type ApiResult } from "./responses";

// Every long-running change answers the same way: 202, the one public Operation, and a Location
// to follow it at /orgs/{org}/operations/{id}.

export const operationAccepted = (org: string, operation: ConsoleOperation): ApiResult => accepted(operation, `/api/v1/orgs/${org}/operations/${operation.id}`);

/** The client's Idempotency-Key for a PATCH or DELETE (kept on the operation by the engine). */
export const idempotencyKeyOf = (request: Request): { idempotencyKey?: string } => ({ idempotencyKey: request.headers.get("idempotency-key") ?? undefined });
