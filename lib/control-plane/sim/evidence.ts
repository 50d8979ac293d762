import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { findRegion, findZone, REGIONS } from "@/lib/domain/catalog/regions";
import { AppError, notFound } from "@/lib/domain/errors";
import type { HardwareEvidence, Measurement } from "@/lib/domain/evidence";
import type { ResourceNode } from "@/lib/domain/control-plane";
import type { SimContext } from "./context";
import { iso } from "./db";
import { readClusters } from "./clusters";
import { readEndpoints } from "./endpoints";
import { cpClusters, cpEndpoints } from "./schema";

// Hardware evidence for the attestation engine: the nodes a resource holds now, each GPU's
// identity, where the data planes live, and the measured software. Everything comes from the
// simulator's records, so it changes exactly when the nodes do.

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Measured components; digests stand in for the hashes a real measured boot would report. */
function measurements(nodes: ResourceNode[], platform: { component: string; version: string }): Measurement[] {
  const seen = new Map<string, string>();
  for (const gpu of nodes.flatMap((n) => n.gpus)) {
    seen.set(`nvidia-driver`, gpu.driver);
    seen.set(`vbios:${gpu.model}`, gpu.vbios);
  }
  const components = [
    { component: "node-image", version: "hinoki-node-2025.10.1" },
    platform,
    ...[...seen.entries()].sort().map(([component, version]) => ({ component, version })),
  ];
  return components.map((c) => ({ ...c, digestSha256: sha256(`hinoki-measurement:${c.component}:${c.version}`) }));
}

/** Data planes stay in the zone's facility; backups go to another facility in Japan. */
function dataPlanes(zoneId: string) {
  const zone = findZone(zoneId)!;
  const region = findRegion(zone.regionId)!;
  const sibling = region.zones.find((z) => z.id !== zone.id);
  // A one-zone region (Hokkaido) backs up to the first facility of another Japanese region.
  const backup = sibling?.facility.id ?? REGIONS.find((r) => r.id !== region.id)!.zones[0].facility.id;
  return { etcd: [zone.facility.id], volumes: [zone.facility.id], backups: [backup], logs: [zone.facility.id] };
}

const ATTESTABLE = ["running", "updating"];

export async function getEvidence(ctx: SimContext, resourceId: string): Promise<HardwareEvidence> {
  const [clusterRow] = await ctx.db.select().from(cpClusters).where(eq(cpClusters.id, resourceId));
  const [endpointRow] = clusterRow ? [] : await ctx.db.select().from(cpEndpoints).where(eq(cpEndpoints.id, resourceId));
  if (!clusterRow && !endpointRow) throw notFound("resource");

  const resource = clusterRow
    ? { kind: "cluster" as const, ...(await readClusters(ctx, [clusterRow]))[0], platform: { component: "kubernetes", version: clusterRow.kubernetesVersion } }
    : { kind: "endpoint" as const, ...(await readEndpoints(ctx, [endpointRow]))[0], platform: { component: "inference-runtime", version: `hinoki-serve-1.4:${endpointRow.modelId}` } };
  if (!ATTESTABLE.includes(resource.status)) throw new AppError("conflict", `the ${resource.kind} is ${resource.status}: only a running one has evidence`);

  // Only nodes that have booted hold attested hardware.
  const nodes = resource.nodes.filter((n) => n.provisionedAt !== null);
  const zone = findZone(resource.zoneId)!;
  return {
    resourceId,
    resourceKind: resource.kind,
    tenantId: resource.tenantId,
    regionId: resource.regionId,
    zoneId: resource.zoneId,
    dataPlanes: dataPlanes(resource.zoneId),
    nodes: nodes.map((n) => ({
      nodeId: n.nodeId,
      zoneId: n.zoneId,
      facilityId: zone.facility.id,
      ...(n.rackId ? { rackId: n.rackId } : {}),
      shapeId: n.shapeId,
      gpus: n.gpus.map((g) => ({
        model: g.model,
        ueid: g.ueid,
        boardSerial: g.boardSerial,
        vbios: g.vbios,
        driver: g.driver,
        ccMode: g.ccMode,
        nrasResult: g.ccMode === "on" ? ("pass" as const) : ("not_run" as const),
      })),
    })),
    measurements: measurements(nodes, resource.platform),
    collectedAt: iso(ctx.clock.now()),
    nodeSetDigest: sha256(
      nodes
        .map((n) => `${n.nodeId}@${n.hostId}:${n.gpus.map((g) => g.ueid).join(",")}`)
        .sort()
        .join("\n"),
    ),
  };
}
