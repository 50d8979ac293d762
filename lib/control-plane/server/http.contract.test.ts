import { HttpControlPlane } from "../http-client";
import { controlPlaneContract } from "../testing/contract";
import { reopenableDatabase } from "../testing/databases";
import { startServerProcess } from "../testing/server-process";
import { TEST_START } from "../testing/sim-harness";

// The same contract, against the HTTP client talking to a real `npm run control-plane` process
// on a loopback port (manual clock: the test moves time with POST /_sim/advance).
controlPlaneContract("HTTP client → standalone server", async () => {
  const database = await reopenableDatabase();
  const server = await startServerProcess({
    ...database.serverEnv,
    HINOKI_SIM_CLOCK: "manual",
    HINOKI_SIM_START_TIME: new Date(TEST_START).toISOString(),
    HINOKI_SIM_TOKEN_DELAY_MS: "0",
    CONTROL_PLANE_TOKEN: "contract-secret",
  });
  const cp = new HttpControlPlane({ baseUrl: server.url, token: "contract-secret", timeoutMs: 15_000 });
  return {
    cp,
    advance: async (ms) => {
      const response = await fetch(`${server.url}/_sim/advance`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer contract-secret" },
        body: JSON.stringify({ ms }),
      });
      if (!response.ok) throw new Error(`advance failed: ${response.status} ${await response.text()}`);
    },
    close: async () => {
      await cp.close();
      await server.stop();
      await database.destroy();
    },
  };
});
