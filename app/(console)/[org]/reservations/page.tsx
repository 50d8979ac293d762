import { ReservationsList } from "@/components/reservations/reservations-list";

export default function ReservationsPage() {
  return <ReservationsList />;
}
