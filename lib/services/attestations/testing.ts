import type { Db } from "@/lib/db/client";
import { setControlPlane } from "@/lib/control-plane";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import type { ClusterSpecInput } from "@/lib/domain/control-plane";
import { freshSimulator, uniqueId } from "@/lib/control-plane/testing/sim-harness";

// Shared by the attestation and residency service tests: a simulator on the test database
// (manual clock) installed as the console's control plane, and a test KEK in the environment.

export const SMALL_FLEET: FleetEntry[] = [
  { regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 6, unit: "node" },
  { regionId: "jp-osaka-1", shapeId: "b200-8x", count: 2, unit: "node" },
];


export async function installSimulator(db: Db) {
  const { sim, clock } = await freshSimulator(db, { fleet: SMALL_FLEET });
  setControlPlane(sim);
  return { sim, clock };
}

type Sim = Awaited<ReturnType<typeof installSimulator>>["sim"];

/** Launches a cluster on the simulator and waits (in simulated time) until it runs. */
export async function runningCluster(sim: Sim, orgId: string, overrides: Partial<ClusterSpecInput> = {}): Promise<{ id: string; poolId: string; name: string }> {
  const spec: ClusterSpecInput = {
    tenantId: orgId,
    clusterId: uniqueId("cl"),
    name: "prod-training",
    zoneId: "jp-tokyo-1a",
    kubernetesVersion: "1.36",
    controlPlane: "single",
    nodePools: [{ poolId: "np_gpu", name: "gpu", shapeId: "h100-8x", count: 1 }],
    ...overrides,
  };
  await sim.createCluster(spec, `create-${spec.clusterId}`);
  await sim.advance(600_000);
  const cluster = await sim.getCluster(spec.clusterId!);
  if (cluster.status !== "running") throw new Error(`cluster ${spec.name} is ${cluster.status}`);
  return { id: cluster.id, poolId: spec.nodePools[0].poolId, name: spec.name };
}

export { useTestKek } from "../testing/fixtures";
