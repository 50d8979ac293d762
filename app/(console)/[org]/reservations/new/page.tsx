import { ReservationOrderForm } from "@/components/reservations/reservation-order-form";

export default function NewReservationPage() {
  return <ReservationOrderForm />;
}
