import type { ConsoleOperation } from "@/lib/domain/operations";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Reservation, ReservationQuote, ReservationRequestInput } from "@/lib/domain/reservations/reservations-api";
import { apiFetch, newIdempotencyKey } from "../api-fetch";
import { reservationKeys, reservationsPath } from "./keys";

export function useReservations(slug: string) {
  return useQuery({
    queryKey: reservationKeys.list(slug),
    queryFn: ({ signal }) => apiFetch<{ items: Reservation[] }>(reservationsPath(slug), { signal }).then((p) => p.items),
  });
}

export function useReservation(slug: string, id: string) {
  return useQuery({
    queryKey: reservationKeys.detail(slug, id),
    queryFn: ({ signal }) => apiFetch<Reservation>(reservationsPath(slug, `/${encodeURIComponent(id)}`), { signal }),
  });
}

/** The price of what the form says now (a read: POST only because the request is a body). */
export function useReservationQuote(slug: string, request: ReservationRequestInput | null) {
  return useQuery({
    queryKey: reservationKeys.quote(slug, request ?? {}),
    enabled: request !== null,
    retry: false,
    queryFn: ({ signal }) => apiFetch<ReservationQuote>(reservationsPath(slug, "/quote"), { method: "POST", body: request, signal }),
  });
}

export function useOrderReservation(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    // One key per order attempt: a retry of the same click never places a second order.
    mutationFn: ({ request, idempotencyKey }: { request: ReservationRequestInput; idempotencyKey: string }) =>
      apiFetch<ConsoleOperation>(reservationsPath(slug), { method: "POST", body: request, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: reservationKeys.all(slug) }),
  });
}

export function useCancelReservation(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<Reservation>(reservationsPath(slug, `/${encodeURIComponent(id)}`), { method: "DELETE" }),
    onSettled: () => qc.invalidateQueries({ queryKey: reservationKeys.all(slug) }),
  });
}

export { newIdempotencyKey };
