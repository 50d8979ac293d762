import "server-only";
import { registerBackgroundTask } from "@/lib/server/background-tasks";
import { renewAttestations } from "./renew-attestations";
import { intervalSetting } from "@/lib/server/env-settings";

// Attestations in the server process: the renewal loop. A resource that becomes running gets
// its first statement within one interval (HINOKI_ATTESTATION_INTERVAL_MS, default 10 s).

const intervalMs = intervalSetting("HINOKI_ATTESTATION_INTERVAL_MS", 10_000);

registerBackgroundTask({
  name: "attestations.renew",
  intervalMs,
  // Once per fleet (lease); each issue also decides under a per-resource advisory lock, so two
  // renewals at once would still issue one statement.
  fleetOnce: true,
  async run() {
    const report = await renewAttestations();
    for (const failure of report.failed) {
      console.warn(`[attestations] ${failure.resourceId ?? failure.orgId}: ${failure.error}`);
    }
  },
});
