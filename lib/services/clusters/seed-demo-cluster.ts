import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { clusters, orgs } from "@/lib/db/schema";
import { systemPrincipal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { KUBERNETES_VERSIONS } from "@/lib/domain/catalog";
import { CreateClusterInput } from "@/lib/domain/clusters";
import { newId } from "@/lib/domain/ids";
import { regionOfZone } from "./cluster-records";
import { submitRecorded } from "../operations/run-operations";
import { recordLaunch } from "./launch-cluster";
import { fingerprintOf } from "../operations/record-operation";

// Demo data: Hinoki Motor runs one training cluster, so the overview, attestation and billing
// pages have something real to show. Launched through the same path as a customer's order (the
// simulator provisions it in about half a minute at demo pace); idempotent by name.

export const DEMO_CLUSTER = {
  org: "hinoki-motor",
  input: {
    name: "prod-training",
    zoneId: "jp-tokyo-1a",
    kubernetesVersion: KUBERNETES_VERSIONS[1],
    controlPlane: "ha",
    nodePools: [{ name: "h100-train", shapeId: "h100-8x", count: 2, labels: { "hinoki.cloud/workload": "training" } }],
  },
} as const;

export async function seedDemoCluster(cp: ControlPlane, db: Db): Promise<void> {
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.slug, DEMO_CLUSTER.org)).limit(1);
  if (!org) return;
  const input = CreateClusterInput.parse(DEMO_CLUSTER.input);
  const [existing] = await db.select({ id: clusters.id }).from(clusters).where(and(eq(clusters.orgId, org.id), eq(clusters.name, input.name))).limit(1);
  if (existing) return;
  const clusterId = newId("cluster");
  const op = await db.transaction((tx) =>
    recordLaunch(tx, {
      orgId: org.id,
      regionId: regionOfZone(input.zoneId),
      clusterId,
      input,
      pools: input.nodePools.map((p, i) => ({ ...p, id: newId("nodePool", Date.now() + i) })),
      fingerprint: fingerprintOf("cluster.create", null, input),
      principal: systemPrincipal({ requestId: "demo-seed" }),
    }),
  );
  await submitRecorded(db, cp, op);
}
