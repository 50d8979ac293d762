import "server-only";
import { getDb } from "@/lib/db/client";
import { getControlPlane } from "@/lib/control-plane";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { intervalSetting } from "@/lib/server/env-settings";
import { runOperations } from "./run-operations";
import { runCapacityQueue } from "./run-capacity-queue";
import { onOperationRecorded } from "./wake-runner";

// The operations runner (loaded by lib/server/capabilities.ts): it submits pending operations
// and follows running ones, of every resource kind. An idle round is one indexed query on open
// operations; a mutation in this process wakes it at once, other instances' mutations are found
// on the next tick. The process's control plane is fetched here, at the edge, and passed in.

registerBackgroundTask({
  name: "operations.run",
  intervalMs: intervalSetting("HINOKI_OPERATIONS_RUN_MS", 1_000),
  // Once per fleet (lease). Twice would still be safe: each transition re-reads its row under a
  // lock and acts only if it is still open, and the control plane takes the operation id as its
  // idempotency key.
  fleetOnce: true,
  wakeOn: onOperationRecorded,
  async run() {
    await runOperations(await getDb(), await getControlPlane());
  },
});

// The capacity queue (空き待ち, README.md): starts queued launches and scale-ups when what they ask
// for fits, in order of arrival within a zone, and gives up on those past their deadline. Once
// per fleet; two rounds at once would still start an order once (queued-operations.ts).
registerBackgroundTask({
  name: "operations.capacity_queue",
  intervalMs: intervalSetting("HINOKI_CAPACITY_QUEUE_MS", 5_000),
  fleetOnce: true,
  async run() {
    await runCapacityQueue(await getDb(), await getControlPlane());
  },
});
