import type { Db } from "@/lib/db/client";
import { getControlPlane } from "@/lib/control-plane";
import { runOperations } from "../operations/run-operations";
import { reconcileEndpoints } from "./reconcile-endpoints";

// Test helper (used by *.test.ts only): what the background tasks do in a round — the operations
// runner, then the endpoints' reconcile — with the installed control plane, on a clock a minute
// ahead so a submission waiting out its backoff is due.

export async function syncEndpoints(db: Db): Promise<void> {
  const cp = await getControlPlane();
  await runOperations(db, cp, { now: new Date(Date.now() + 60_000) });
  await reconcileEndpoints(db, cp);
}
