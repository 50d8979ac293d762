import { createHash } from "node:crypto";
import { findRegion, type Region } from "@/lib/domain/catalog/regions";
import { findShape, NVL72_TRAYS_PER_RACK, type GpuModel } from "@/lib/domain/catalog/shapes";
import type { FleetOptions } from "./config";

// The fleet as the simulator sees it: zones → racks → hosts → GPUs. Pure and deterministic, so
// seeding twice (or on another database) yields the same machines with the same GPU identities.

export interface HostRow {
  id: string;
  regionId: string;
  zoneId: string;
  hostShape: string;
  rackId: string | null;
  rackSlot: number | null;
  gpuCount: number;
  slots: number;
}

export interface GpuRow {
  hostId: string;
  gpuIndex: number;
  model: string;
  boardSerial: string;
  ueid: string;
  vbios: string;
  driver: string;
  ccMode: "on" | "off";
}

/** What a GPU model reports about itself (VBIOS and driver as a real fleet would pin them). */
const GPU_IDENTITY: Record<GpuModel, { name: string; vbios: string; driver: string; confidentialComputing: boolean; serialPrefix: string }> = {
  L40S: { name: "NVIDIA L40S", vbios: "95.02.66.00.02", driver: "570.172.08", confidentialComputing: false, serialPrefix: "1322" },
  H100: { name: "NVIDIA H100 80GB HBM3", vbios: "96.00.99.00.01", driver: "570.172.08", confidentialComputing: true, serialPrefix: "1654" },
  H200: { name: "NVIDIA H200", vbios: "96.00.B9.00.01", driver: "570.172.08", confidentialComputing: true, serialPrefix: "1655" },
  B200: { name: "NVIDIA B200", vbios: "97.00.6E.00.01", driver: "575.57.08", confidentialComputing: true, serialPrefix: "1790" },
  GB200: { name: "NVIDIA GB200", vbios: "97.00.88.00.0E", driver: "575.57.08", confidentialComputing: true, serialPrefix: "1791" },
};

/** Short host-name part per shape. */
const HOST_ABBREVIATION: Record<string, string> = {
  "l40s-1x": "l40s",
  "h100-8x": "h100",
  "h200-8x": "h200",
  "b200-8x": "b200",
  "cpu-16": "cpu",
};

export const CPU_SHAPE_ID = "cpu-16";

/**
 * How a shape is placed: on which kind of host, and how many of that host's slots it takes.
 * h100-1x is a slice (one GPU) of an H100 8x host; every other shape takes a whole host.
 */
export function placementRule(shapeId: string): { hostShape: string; slots: number; hostSlots: number } {
  if (shapeId === "h100-1x") return { hostShape: "h100-8x", slots: 1, hostSlots: 8 };
  if (shapeId === "h100-8x") return { hostShape: "h100-8x", slots: 8, hostSlots: 8 };
  return { hostShape: shapeId, slots: 1, hostSlots: 1 };
}

/** GPUs a placement of `slotMask` on a host holds (a slot is gpuCount / slots GPUs). */
export function gpuIndexesOf(slotMask: number, gpuCount: number, hostSlots: number): number[] {
  const perSlot = gpuCount / hostSlots;
  const indexes: number[] = [];
  for (let slot = 0; slot < hostSlots; slot++) {
    if (slotMask & (1 << slot)) for (let g = 0; g < perSlot; g++) indexes.push(slot * perSlot + g);
  }
  return indexes;
}

function splitAcrossZones(region: Region, count: number): { zoneId: string; count: number }[] {
  const zones = region.zones;
  const base = Math.floor(count / zones.length);
  const remainder = count - base * zones.length;
  return zones.map((z, i) => ({ zoneId: z.id, count: base + (i === 0 ? remainder : 0) }));
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function expandFleet(options: FleetOptions): HostRow[] {
  const hosts: HostRow[] = [];
  const sequence = new Map<string, number>();
  const next = (key: string) => {
    const n = (sequence.get(key) ?? 0) + 1;
    sequence.set(key, n);
    return n;
  };
  const zonesSeen = new Set<string>();

  for (const entry of options.entries) {
    const region = findRegion(entry.regionId);
    const shape = findShape(entry.shapeId);
    if (!region || !shape) throw new Error(`fleet entry names an unknown region or shape: ${entry.regionId}/${entry.shapeId}`);
    const total = Math.round(entry.count * options.scale);
    for (const { zoneId, count } of splitAcrossZones(region, total)) {
      zonesSeen.add(zoneId);
      for (let i = 0; i < count; i++) {
        if (entry.unit === "rack") {
          const rackId = `${zoneId}-nvl72-${pad(next(`${zoneId}:rack`), 3)}`;
          for (let tray = 1; tray <= NVL72_TRAYS_PER_RACK; tray++) {
            hosts.push({ id: `${rackId}-t${pad(tray, 2)}`, regionId: region.id, zoneId, hostShape: shape.id, rackId, rackSlot: tray, gpuCount: shape.gpuCount, slots: 1 });
          }
        } else {
          const abbreviation = HOST_ABBREVIATION[shape.id] ?? shape.id;
          const id = `${zoneId}-${abbreviation}-${pad(next(`${zoneId}:${shape.id}`), 4)}`;
          hosts.push({ id, regionId: region.id, zoneId, hostShape: shape.id, rackId: null, rackSlot: null, gpuCount: shape.gpuCount, slots: placementRule(shape.id).hostSlots });
        }
      }
    }
  }

  // A modest CPU pool in every zone that has GPUs, for system node pools.
  for (const zoneId of [...zonesSeen].sort()) {
    const regionId = hosts.find((h) => h.zoneId === zoneId)!.regionId;
    for (let i = 0; i < Math.round(options.cpuNodesPerZone * options.scale); i++) {
      hosts.push({ id: `${zoneId}-cpu-${pad(next(`${zoneId}:cpu`), 4)}`, regionId, zoneId, hostShape: CPU_SHAPE_ID, rackId: null, rackSlot: null, gpuCount: 0, slots: 1 });
    }
  }
  return hosts;
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function gpusOf(host: HostRow): GpuRow[] {
  const model = findShape(host.hostShape)?.gpuModel;
  if (!model || host.gpuCount === 0) return [];
  const identity = GPU_IDENTITY[model];
  return Array.from({ length: host.gpuCount }, (_, gpuIndex) => {
    const seed = digest(`hinoki-gpu:${host.id}:${gpuIndex}`);
    const boardDigits = (BigInt(`0x${seed.slice(0, 15)}`) % 1_000_000_000n).toString().padStart(9, "0");
    return {
      hostId: host.id,
      gpuIndex,
      model: identity.name,
      boardSerial: `${identity.serialPrefix}${boardDigits}`,
      // The attestation certificate's serial: 20 bytes, as NVIDIA device certificates carry.
      ueid: seed.slice(24, 64).toUpperCase(),
      vbios: identity.vbios,
      driver: identity.driver,
      ccMode: identity.confidentialComputing ? "on" : "off",
    };
  });
}

/** Changes whenever the fleet definition changes (so seeding knows whether it has work). */
export function fleetSignature(options: FleetOptions): string {
  return digest(JSON.stringify(options)).slice(0, 16);
}
