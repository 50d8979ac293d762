import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import type { HeldOrOrdered } from "@/lib/domain/approval-requests";
import type { ApprovalAction } from "@/lib/domain/approvals";
import { orderCluster } from "../clusters/launch-cluster";
import { orderNodePoolUpdate } from "../clusters/update-node-pool";
import { orderEndpoint } from "../endpoints/create-endpoint";
import { orderEndpointUpdate } from "../endpoints/update-endpoint";
import { placeReservationOrder } from "../reservations/place-reservation-order";
import type { HoldableOrderOptions } from "./request-approval";

// For each action a 稟議 rule may hold, THE create service that holds it — called again, with the
// order the request kept, when it is run on final approval (run-approved-request.ts) or asked for
// again (resubmit-approval-request.ts). No second path: the same service, the same checks.
// A scale-up's order names its target (endpointId; clusterId and poolId) beside the change; the
// services read what they know and ignore the words kept for the approvers (names, from/to).

export type HeldOrderService = (cp: ControlPlane, principal: Principal, slug: string, order: Record<string, unknown>, options: HoldableOrderOptions) => Promise<HeldOrOrdered>;

const text = (value: unknown): string => (typeof value === "string" ? value : "");

export const HELD_ORDER_SERVICES: Partial<Record<ApprovalAction, HeldOrderService>> = {
  "cluster.create": (cp, principal, slug, order, options) => orderCluster(cp, principal, slug, order, options),
  "endpoint.create": (cp, principal, slug, order, options) => orderEndpoint(cp, principal, slug, order as never, options),
  "endpoint.scale_up": (cp, principal, slug, { endpointId, ...change }, options) => orderEndpointUpdate(cp, principal, slug, text(endpointId), change as never, options),
  "node_pool.scale_up": (cp, principal, slug, { clusterId, poolId, ...change }, options) => orderNodePoolUpdate(cp, principal, slug, text(clusterId), text(poolId), change, options),
  "reservation.create": (cp, principal, slug, order, options) => placeReservationOrder(cp, principal, slug, order as never, options),
};
