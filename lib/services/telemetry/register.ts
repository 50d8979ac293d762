import "server-only";
import { getDb } from "@/lib/db/client";
import { getControlPlane } from "@/lib/control-plane";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { intervalSetting } from "@/lib/server/env-settings";
import { ingestHealthEventsFromControlPlane } from "./ingest-health-events";
import { ingestTelemetryFromControlPlane } from "./ingest-telemetry";
import { pruneTelemetry } from "./prune-telemetry";

// GPU telemetry in the console process: the health feed and the samples every few seconds (a
// sample window is 30 s), retention once a minute. Once per fleet (lease): the stores are
// idempotent per event and per GPU window, so a second instance would count nothing twice, but
// the work would be done twice.

registerBackgroundTask({
  name: "telemetry.ingest",
  intervalMs: intervalSetting("HINOKI_TELEMETRY_INGEST_INTERVAL_MS", 5_000),
  fleetOnce: true,
  async run() {
    const db = await getDb();
    const cp = await getControlPlane();
    await ingestHealthEventsFromControlPlane(db, cp);
    await ingestTelemetryFromControlPlane(db, cp);
  },
});

registerBackgroundTask({
  name: "telemetry.retention",
  intervalMs: intervalSetting("HINOKI_TELEMETRY_RETENTION_INTERVAL_MS", 60_000),
  fleetOnce: true,
  async run() {
    await pruneTelemetry(await getDb());
  },
});
