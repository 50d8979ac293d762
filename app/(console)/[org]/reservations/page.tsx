import { QueuedOrdersCard } from "@/components/operations/queued-orders-card";
import { CapacityRequestsPanel } from "@/components/reservations/capacity-requests-panel";
import { ReservationsList } from "@/components/reservations/reservations-list";

export default function ReservationsPage() {
  return (
    <div className="space-y-8">
      <ReservationsList />
      <QueuedOrdersCard />
      <CapacityRequestsPanel />
    </div>
  );
}
