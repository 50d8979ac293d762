import "server-only";
import { intervalSetting } from "@/lib/server/env-settings";
import { getDb } from "@/lib/db/client";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { pruneIdempotencyRecords } from "./idempotency";

// Idempotency-Keys are kept 24 hours (then a key may be used again): one instance of the fleet
// prunes older records every few minutes. Running it on several instances at once would be safe — a record is deleted
// once, and a claim whose holder is still working is never deleted.

registerBackgroundTask({
  name: "idempotency.prune",
  intervalMs: intervalSetting("HINOKI_IDEMPOTENCY_PRUNE_MS", 10 * 60_000),
  // Safe on several instances at once, but one is enough: less work.
  fleetOnce: true,
  async run() {
    const pruned = await pruneIdempotencyRecords(await getDb());
    if (pruned > 0) console.log(`[idempotency] pruned ${pruned} records older than 24 h`);
  },
});
