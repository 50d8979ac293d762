import "server-only";
import { and, eq } from "drizzle-orm";
import { endpointAdapters } from "@/lib/db/schema";
import type { EndpointAdapterChange } from "@/lib/domain/control-plane";
import { defineOperationAdapter } from "../operations/adapter";
import { invalidateEndpoint } from "../endpoints/gateway-cache";

// Attaching and detaching a LoRA adapter as operations of the one engine (../operations/README.md).
// The target is the adapter; the endpoint whose replicas load or unload it is in the submission.
// The control plane does it as an update of the endpoint, keyed by the operation id. The
// attachment row is the console's record: `attaching` until the replicas have it (then
// `attached`, served), `detaching` until they dropped it (then gone); a refusal undoes the step.

export interface AdapterSubmission {
  endpointId: string;
  change: EndpointAdapterChange;
}

export const adapterOperations = defineOperationAdapter<null>({
  targetKind: "adapter",
  readPermission: "endpoints.read",

  submit(cp, row) {
    const { endpointId, change } = row.submission as unknown as AdapterSubmission;
    return cp.updateEndpoint(endpointId, { adapter: change }, row.id);
  },

  async applyOutcome(tx, row, outcome) {
    if (outcome.status === "running") return;
    const { endpointId, change } = row.submission as unknown as AdapterSubmission;
    const where = and(eq(endpointAdapters.orgId, row.orgId), eq(endpointAdapters.endpointId, endpointId), eq(endpointAdapters.adapterId, row.targetId));
    const done = outcome.status === "succeeded";
    if (change.action === "attach") {
      if (done) await tx.update(endpointAdapters).set({ state: "attached" }).where(and(where, eq(endpointAdapters.state, "attaching")));
      else await tx.delete(endpointAdapters).where(and(where, eq(endpointAdapters.state, "attaching")));
    } else if (done) {
      await tx.delete(endpointAdapters).where(and(where, eq(endpointAdapters.state, "detaching")));
    } else {
      await tx.update(endpointAdapters).set({ state: "attached" }).where(and(where, eq(endpointAdapters.state, "detaching")));
    }
  },

  // The gateway's cached list of the endpoint's adapters changes now, not at its next refresh.
  afterCommit(row) {
    invalidateEndpoint((row.submission as unknown as AdapterSubmission).endpointId);
  },
});
