import { z } from "zod";
import { OrgParams } from "../../params";
import { ApprovalRequest } from "@/lib/domain/approval-requests";
import { page } from "@/lib/domain/common";
import { OperationParams } from "@/lib/domain/clusters-api";
import { ConsoleOperation, OperationListQuery } from "@/lib/domain/operations";
import { QueuedOrder } from "@/lib/domain/queued-orders";
import type { ApiOperation } from "../types";

// The one public Operation: what every long-running change of every resource answers (202 with a
// Location), and the org-wide list of them across kinds (each kind shown to roles that may read it).

export const operationAcceptedResponse = { description: "Accepted; follow the operation (Location header)", schema: ConsoleOperation };
/** An order a 稟議 rule may hold (cluster, endpoint, node-pool scale-up, reservation). */
export const heldOrAcceptedResponse = { description: "Accepted: the Operation to follow, or — when a 稟議 rule applies — the ApprovalRequest the order waits in (Location header either way)", schema: z.union([ConsoleOperation, ApprovalRequest]) };

export const longRunningOperations: ApiOperation[] = [
  { method: "get", path: "/api/v1/orgs/{org}/operations", operationId: "listOperations", summary: "Long-running operations of every resource kind, newest first (filter by resource kind, resource or status; each kind only for roles that may read it)", tag: "Operations", params: OrgParams, query: OperationListQuery, responses: { 200: { description: "Operations", schema: page(ConsoleOperation) } } },
  { method: "get", path: "/api/v1/orgs/{org}/operations/{id}", operationId: "getOperation", summary: "One operation: status, progress, steps and error", tag: "Operations", params: OperationParams, responses: { 200: { description: "Operation", schema: ConsoleOperation } } },
  {
    method: "post",
    path: "/api/v1/orgs/{org}/operations/{id}/cancel",
    operationId: "cancelQueuedOperation",
    summary: "Withdraw an operation still waiting for capacity (status queued, 空き待ち): a queued launch goes away, a queued scale-up leaves the pool as it was. Repeating it returns the cancelled operation",
    tag: "Operations",
    params: OperationParams,
    responses: { 200: { description: "Cancelled", schema: ConsoleOperation }, 409: { description: "conflict: the operation has already started or ended" } },
  },
  { method: "get", path: "/api/v1/orgs/{org}/operations/{id}/queue", operationId: "getQueuedOrder", summary: "A queued operation's place in its zone's line (every customer's orders for the same shapes, by arrival) and its estimated start, with the basis: capacity free now, nodes asked for ahead, reservations ending at known times, the observed release rate. Computed afresh on each read", tag: "Operations", params: OperationParams, responses: { 200: { description: "Place and estimate", schema: QueuedOrder }, 409: { description: "conflict: the operation is not waiting for capacity" } } },
  { method: "get", path: "/api/v1/orgs/{org}/queued-orders", operationId: "listQueuedOrders", summary: "The org's orders waiting for capacity (空き待ち), oldest first, each with its place and estimated start", tag: "Operations", params: OrgParams, responses: { 200: { description: "Queued orders", schema: page(QueuedOrder) } } },
];
