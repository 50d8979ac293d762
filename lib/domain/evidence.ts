import { z } from "zod";

// Hardware evidence that the control plane reports for a running resource: which nodes, which
// GPUs (with their attestation identities), where, and the software measured on them. The
// attestation engine turns it into signed residency claims (domain.md, "Residency attestation").

export const GpuEvidence = z.object({
  model: z.string(),
  ueid: z.string().describe("serial of the GPU's attestation certificate"),
  boardSerial: z.string(),
  vbios: z.string(),
  driver: z.string(),
  ccMode: z.enum(["on", "off", "devtools"]),
  nrasResult: z.enum(["pass", "fail", "not_run"]),
});
export type GpuEvidence = z.infer<typeof GpuEvidence>;

export const NodeEvidence = z.object({
  nodeId: z.string(),
  zoneId: z.string(),
  facilityId: z.string(),
  rackId: z.string().optional(),
  shapeId: z.string(),
  gpus: z.array(GpuEvidence),
});
export type NodeEvidence = z.infer<typeof NodeEvidence>;

export const Measurement = z.object({
  component: z.string(),
  version: z.string(),
  digestSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Measurement = z.infer<typeof Measurement>;

export const HardwareEvidence = z.object({
  resourceId: z.string(),
  resourceKind: z.enum(["cluster", "endpoint"]),
  tenantId: z.string(),
  regionId: z.string(),
  zoneId: z.string(),
  /** Facility ids that hold each data plane; all in Japan for this operator. */
  dataPlanes: z.object({
    etcd: z.array(z.string()),
    volumes: z.array(z.string()),
    backups: z.array(z.string()),
    logs: z.array(z.string()),
  }),
  nodes: z.array(NodeEvidence),
  measurements: z.array(Measurement),
  collectedAt: z.string().describe("RFC 3339 UTC"),
  /** Changes whenever the set of nodes changes, so a new attestation can be issued. */
  nodeSetDigest: z.string(),
});
export type HardwareEvidence = z.infer<typeof HardwareEvidence>;
