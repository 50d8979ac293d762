import type { GpuEvidence, HardwareEvidence, NodeEvidence } from "./evidence";

// Realistic evidence for tests and demos: an 8×H100 cluster in Tokyo zone a, every GPU attested.
// Kept in lib/domain so the engine's tests, the simulator and UI stories can share one picture.

export function sampleGpu(nodeIndex: number, gpuIndex: number, overrides: Partial<GpuEvidence> = {}): GpuEvidence {
  const serial = `${nodeIndex}`.padStart(3, "0") + `${gpuIndex}`;
  return {
    model: "H100",
    ueid: `4F3A${serial}9C21D7E0B5`,
    boardSerial: `1652923${serial}`,
    vbios: "96.00.9F.00.04",
    driver: "570.124.06",
    ccMode: "on",
    nrasResult: "pass",
    ...overrides,
  };
}

export function sampleNode(nodeIndex: number, overrides: Partial<NodeEvidence> = {}): NodeEvidence {
  return {
    nodeId: `nd_01JD${"0".repeat(20)}${String(nodeIndex).padStart(3, "0")}`,
    zoneId: "jp-tokyo-1a",
    facilityId: "hnk-tyo-a1",
    shapeId: "h100-8x",
    gpus: Array.from({ length: 8 }, (_, g) => sampleGpu(nodeIndex, g)),
    ...overrides,
  };
}

export function sampleEvidence(overrides: Partial<HardwareEvidence> = {}): HardwareEvidence {
  return {
    resourceId: "cl_01JD8Y3Q5W9ZKX7B2M4N6P8R0T",
    resourceKind: "cluster",
    tenantId: "org_01JD8Y3Q5W9ZKX7B2M4N6P8R0A",
    regionId: "jp-tokyo-1",
    zoneId: "jp-tokyo-1a",
    dataPlanes: {
      etcd: ["hnk-tyo-a1"],
      volumes: ["hnk-tyo-a1"],
      backups: ["hnk-tyo-b1"],
      logs: ["hnk-tyo-a1"],
    },
    nodes: [sampleNode(1), sampleNode(2)],
    measurements: [
      { component: "nvidia-driver", version: "570.124.06", digestSha256: "a".repeat(64) },
      { component: "kubelet", version: "1.37.1", digestSha256: "b".repeat(64) },
    ],
    collectedAt: "2026-11-22T03:00:00Z",
    nodeSetDigest: "sha256:" + "c".repeat(64),
    ...overrides,
  };
}
