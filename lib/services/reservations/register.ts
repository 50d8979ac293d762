import "server-only";
import { getDb } from "@/lib/db/client";
import { getControlPlane } from "@/lib/control-plane";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { notifyReservationLifecycle } from "./notify-reservation-lifecycle";
import { fleetNow } from "./reservation-terms";

// Reservations in the console process: expiry and low-utilisation notices, on the fleet's clock.

registerBackgroundTask({
  name: "reservations.lifecycle",
  intervalMs: 60_000,
  // Once per fleet (lease); every notice is also marked on the reservation and deduplicated per person.
  fleetOnce: true,
  async run() {
    await notifyReservationLifecycle(await getDb(), await fleetNow(await getControlPlane()));
  },
});
