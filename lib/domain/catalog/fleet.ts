// The simulated fleet of domain.md: how many nodes (or NVL72 racks) of each shape per region.
// Nodes are split evenly across a region's zones (the first zone takes any remainder).

export interface FleetEntry {
  regionId: string;
  shapeId: string;
  /** Nodes for ordinary shapes; whole NVL72 racks for gb200-tray. */
  count: number;
  unit: "node" | "rack";
}

export const DEFAULT_FLEET: readonly FleetEntry[] = [
  { regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 64, unit: "node" },
  { regionId: "jp-tokyo-1", shapeId: "h200-8x", count: 32, unit: "node" },
  { regionId: "jp-tokyo-1", shapeId: "l40s-1x", count: 128, unit: "node" },
  { regionId: "jp-osaka-1", shapeId: "gb200-tray", count: 8, unit: "rack" },
  { regionId: "jp-osaka-1", shapeId: "b200-8x", count: 32, unit: "node" },
  { regionId: "jp-hokkaido-1", shapeId: "h200-8x", count: 128, unit: "node" },
  { regionId: "jp-hokkaido-1", shapeId: "gb200-tray", count: 16, unit: "rack" },
];
