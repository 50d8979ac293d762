import "server-only";
import { getDb } from "@/lib/db/client";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { getControlPlane } from "@/lib/control-plane";
import { runBatchRound } from "./run-batches";
import { intervalSetting } from "@/lib/server/env-settings";

// The Batch API's runner: once per fleet (a lease), so two instances never take the same line
// at once; after a crash the next holder redoes what was not recorded (run-batches.ts).
registerBackgroundTask({
  name: "batches.run",
  intervalMs: intervalSetting("HINOKI_BATCH_RUN_MS", 1_000),
  fleetOnce: true,
  run: async () => {
    await runBatchRound(await getDb(), await getControlPlane());
  },
});
