import { OrgIdParams, OrgParams } from "../../params";
import { page } from "@/lib/domain/common";
import { Reservation, ReservationQuote, ReservationRequest } from "@/lib/domain/reservations/reservations-api";
import { CapacityRequest, CreateCapacityRequestInput } from "@/lib/domain/reservations/capacity-queue";
import type { ApiOperation } from "../types";
import { heldOrAcceptedResponse as heldOrAccepted } from "./long-running";

// Reservations (capacity blocks) and the capacity queue (空き待ち), issue 18.

export const reservationOperations: ApiOperation[] = [
  { method: "get", path: "/api/v1/orgs/{org}/reservations", operationId: "listReservations", summary: "Reservations, newest first: state on the fleet's clock (pending → active → expired), nodes in use, utilisation so far", tag: "Reservations", params: OrgParams, responses: { 200: { description: "Reservations", schema: page(Reservation) } } },
  {
    method: "post",
    path: "/api/v1/orgs/{org}/reservations",
    operationId: "orderReservation",
    summary: "Order a reservation at the quoted price (long-running; the operation's target is the reservation): billed for its whole term, used or not. A window the fleet cannot guarantee is a 422 capacity_unavailable with details.earliestStartAt; during a control-plane outage the order stays pending and is completed later. When a 稟議 rule on reservation.create applies to its monthly rate (reserved rate × nodes × 730 hours), nothing is sent to the fleet: the answer is the approval request (Location /approval-requests/{id}) and approval.subject/purpose are required",
    tag: "Reservations",
    params: OrgParams,
    body: ReservationRequest,
    idempotent: true,
    responses: { 202: heldOrAccepted, 422: { description: "capacity_unavailable (details.earliestStartAt) or residency_violation" } },
  },
  { method: "post", path: "/api/v1/orgs/{org}/reservations/quote", operationId: "quoteReservation", summary: "The price of a reservation before ordering (reserved rate, total commitment, on-demand comparison) and whether its window can be guaranteed; writes nothing", tag: "Reservations", params: OrgParams, body: ReservationRequest, responses: { 200: { description: "Quote", schema: ReservationQuote } } },
  { method: "get", path: "/api/v1/orgs/{org}/reservations/{id}", operationId: "getReservation", summary: "A reservation with its utilisation (GPU-hours used / reserved, idle money)", tag: "Reservations", params: OrgIdParams, responses: { 200: { description: "Reservation", schema: Reservation } } },
  { method: "delete", path: "/api/v1/orgs/{org}/reservations/{id}", operationId: "cancelReservation", summary: "Cancel a reservation before its start (nothing is billed; a started one runs its term)", tag: "Reservations", params: OrgIdParams, responses: { 200: { description: "Cancelled", schema: Reservation } } },

  { method: "get", path: "/api/v1/orgs/{org}/capacity-requests", operationId: "listCapacityRequests", summary: "The org's capacity-queue requests with their position in their zone's line and an estimated start with its basis", tag: "Capacity queue", params: OrgParams, responses: { 200: { description: "Requests", schema: page(CapacityRequest) } } },
  { method: "post", path: "/api/v1/orgs/{org}/capacity-requests", operationId: "createCapacityRequest", summary: "\"Notify me\": be told once when this much of a shape is free in a zone (no order is placed; an optional deadline)", tag: "Capacity queue", params: OrgParams, body: CreateCapacityRequestInput, idempotent: true, responses: { 201: { description: "Waiting", schema: CapacityRequest } } },
  { method: "get", path: "/api/v1/orgs/{org}/capacity-requests/{id}", operationId: "getCapacityRequest", summary: "A capacity-queue request, its position and estimate", tag: "Capacity queue", params: OrgIdParams, responses: { 200: { description: "Request", schema: CapacityRequest } } },
  { method: "delete", path: "/api/v1/orgs/{org}/capacity-requests/{id}", operationId: "cancelCapacityRequest", summary: "Leave the queue", tag: "Capacity queue", params: OrgIdParams, responses: { 200: { description: "Cancelled", schema: CapacityRequest } } },
];
