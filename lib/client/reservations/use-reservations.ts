import type { ConsoleOperation } from "@/lib/domain/operations";
import type { ApprovalRequest } from "@/lib/domain/approval-requests";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Reservation, ReservationQuote, ReservationRequestInput } from "@/lib/domain/reservations/reservations-api";
import { api, ok } from "../api";
import { newIdempotencyKey } from "../api-fetch";
import { reservationKeys } from "./keys";

export function useReservations(slug: string) {
  return useQuery({
    queryKey: reservationKeys.list(slug),
    queryFn: ({ signal }) => ok<{ items: Reservation[] }>(api.GET("/api/v1/orgs/{org}/reservations", { params: { path: { org: slug } }, signal })).then((p) => p.items),
  });
}

export function useReservation(slug: string, id: string) {
  return useQuery({
    queryKey: reservationKeys.detail(slug, id),
    queryFn: ({ signal }) => ok<Reservation>(api.GET("/api/v1/orgs/{org}/reservations/{id}", { params: { path: { org: slug, id } }, signal })),
  });
}

/** The price of what the form says now (a read: POST only because the request is a body). */
export function useReservationQuote(slug: string, request: ReservationRequestInput | null) {
  return useQuery({
    queryKey: reservationKeys.quote(slug, request ?? {}),
    enabled: request !== null,
    retry: false,
    queryFn: ({ signal }) => ok<ReservationQuote>(api.POST("/api/v1/orgs/{org}/reservations/quote", { params: { path: { org: slug } }, body: request!, signal })),
  });
}

export function useOrderReservation(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    // One key per order attempt: a retry of the same click never places a second order.
    mutationFn: ({ request, idempotencyKey }: { request: ReservationRequestInput; idempotencyKey: string }) =>
      ok<ConsoleOperation | ApprovalRequest>(api.POST("/api/v1/orgs/{org}/reservations", { params: { path: { org: slug } }, body: request, headers: { "Idempotency-Key": idempotencyKey } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: reservationKeys.all(slug) }),
  });
}

export function useCancelReservation(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => ok<Reservation>(api.DELETE("/api/v1/orgs/{org}/reservations/{id}", { params: { path: { org: slug, id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: reservationKeys.all(slug) }),
  });
}

export { newIdempotencyKey };
