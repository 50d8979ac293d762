import "server-only";
import { getDb } from "@/lib/db/client";
import { processControlPlane } from "../process-control-plane";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { intervalSetting } from "@/lib/server/env-settings";
import { expireApprovalRequests } from "./expire-approval-requests";
import { runApprovedRequests } from "./run-approved-request";

// 稟議 in the background, once per fleet (lease): expire what its deadline passed, and run what was
// approved but not yet run (the deciding request died, or the control plane was away). Both take
// each row by a guarded update or the create service's idempotency, so a second runner does nothing twice.
registerBackgroundTask({
  name: "approvals.run",
  intervalMs: intervalSetting("HINOKI_APPROVALS_RUN_MS", 30_000),
  fleetOnce: true,
  async run() {
    const db = await getDb();
    await expireApprovalRequests(db);
    await runApprovedRequests(db, await processControlPlane());
  },
});
