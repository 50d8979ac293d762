import "server-only";
import { getDb } from "@/lib/db/client";
import { getControlPlane } from "@/lib/control-plane";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { fleetNow } from "../reservations/reservation-terms";
import { notifyCapacityWatchers } from "./notify-capacity-watchers";

registerBackgroundTask({
  name: "capacity-queue.notify",
  intervalMs: 10_000,
  // Once per fleet (lease); each request is claimed by a guarded update, so a second runner sends nothing.
  fleetOnce: true,
  async run() {
    const cp = await getControlPlane();
    await notifyCapacityWatchers(await getDb(), cp, await fleetNow(cp));
  },
});
