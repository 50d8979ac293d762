// GPU shapes and their list prices (¥ per instance-hour, excluding tax), as in domain.md.

export type GpuModel = "L40S" | "H100" | "H200" | "B200" | "GB200";

export interface Shape {
  id: string;
  gpuModel: GpuModel | null;
  gpuCount: number;
  gpuMemoryGb: number; // per GPU
  gpuMemoryType: string | null;
  vcpu: number;
  ramGib: number;
  interconnectJa: string;
  interconnectEn: string;
  /** List price in whole yen per instance-hour. */
  pricePerHourJpy: number;
  /** A GB200 tray lives in an NVL72 rack (18 trays, one NVLink domain). */
  rackScale: boolean;
}

export const HOURS_PER_MONTH = 730;
export const NVL72_TRAYS_PER_RACK = 18;

export const SHAPES: readonly Shape[] = [
  { id: "l40s-1x", gpuModel: "L40S", gpuCount: 1, gpuMemoryGb: 48, gpuMemoryType: "GDDR6", vcpu: 16, ramGib: 128, interconnectJa: "PCIe", interconnectEn: "PCIe", pricePerHourJpy: 290, rackScale: false },
  { id: "h100-1x", gpuModel: "H100", gpuCount: 1, gpuMemoryGb: 80, gpuMemoryType: "HBM3", vcpu: 24, ramGib: 240, interconnectJa: "—", interconnectEn: "—", pricePerHourJpy: 980, rackScale: false },
  { id: "h100-8x", gpuModel: "H100", gpuCount: 8, gpuMemoryGb: 80, gpuMemoryType: "HBM3", vcpu: 192, ramGib: 1920, interconnectJa: "NVLink 900 GB/s、InfiniBand 400G×8", interconnectEn: "NVLink 900 GB/s, 8×400G InfiniBand", pricePerHourJpy: 7200, rackScale: false },
  { id: "h200-8x", gpuModel: "H200", gpuCount: 8, gpuMemoryGb: 141, gpuMemoryType: "HBM3e", vcpu: 192, ramGib: 2048, interconnectJa: "NVLink 900 GB/s、InfiniBand 400G×8", interconnectEn: "NVLink 900 GB/s, 8×400G InfiniBand", pricePerHourJpy: 8800, rackScale: false },
  { id: "b200-8x", gpuModel: "B200", gpuCount: 8, gpuMemoryGb: 180, gpuMemoryType: "HBM3e", vcpu: 224, ramGib: 2900, interconnectJa: "NVLink5 1.8 TB/s、InfiniBand 400G×8", interconnectEn: "NVLink5 1.8 TB/s, 8×400G InfiniBand", pricePerHourJpy: 13600, rackScale: false },
  { id: "gb200-tray", gpuModel: "GB200", gpuCount: 4, gpuMemoryGb: 186, gpuMemoryType: "HBM3e", vcpu: 144, ramGib: 894, interconnectJa: "ラックのNVLinkドメインを共有（NVL72）", interconnectEn: "Shares its rack's NVLink domain (NVL72)", pricePerHourJpy: 7800, rackScale: true },
  { id: "cpu-16", gpuModel: null, gpuCount: 0, gpuMemoryGb: 0, gpuMemoryType: null, vcpu: 16, ramGib: 64, interconnectJa: "—", interconnectEn: "—", pricePerHourJpy: 60, rackScale: false },
];

/** Kubernetes control plane, ¥ per hour. */
export const CONTROL_PLANE_PRICE_JPY = { single: 20, ha: 60 } as const;

export function findShape(id: string): Shape | undefined {
  return SHAPES.find((s) => s.id === id);
}

export function monthlyPriceJpy(pricePerHourJpy: number): number {
  return pricePerHourJpy * HOURS_PER_MONTH;
}
