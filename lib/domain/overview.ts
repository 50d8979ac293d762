import { z } from "zod";
import { Timestamp } from "./common";
import { ConsoleOperation } from "./operations";
import { QuotaLine, QuotaRequest } from "./quotas";

// The organization's cockpit: everything at a glance, each part present only when the viewer's
// role may see it (null = not for this role, never "zero").

export const OverviewResource = z.object({
  id: z.string(),
  kind: z.enum(["cluster", "endpoint"]),
  name: z.string(),
  status: z.string(),
  regionId: z.string(),
  zoneId: z.string(),
  gpus: z.number().int(),
  /** The operation in flight or the one that failed, to link to. */
  operation: z.object({ id: z.string(), progress: z.number().int(), currentStep: z.string().nullable(), status: z.string() }).nullable(),
  failureReason: z.string().nullable(),
});
export type OverviewResource = z.infer<typeof OverviewResource>;

export const ResidencyLine = z.object({
  resourceId: z.string(),
  resourceKind: z.enum(["cluster", "endpoint"]),
  name: z.string(),
  /** The newest statement's appraisal; "pending" before the first one, "expired" when it lapsed. */
  status: z.enum(["affirming", "warning", "contraindicated", "pending", "expired"]),
  attestationId: z.string().nullable(),
  facilityId: z.string().nullable(),
  issuedAt: Timestamp.nullable(),
});
export type ResidencyLine = z.infer<typeof ResidencyLine>;

export const Overview = z.object({
  generatedAt: Timestamp,
  resources: z.object({
    clusters: z.object({ running: z.number().int(), inProgress: z.number().int(), failed: z.number().int() }),
    endpoints: z.object({ running: z.number().int(), inProgress: z.number().int(), failed: z.number().int() }),
    /** Running first, then in progress, then failed; at most 8. */
    items: z.array(OverviewResource),
  }),
  gpus: z.array(QuotaLine).describe("regions and models with GPUs in use, against quota"),
  spend: z
    .object({
      month: z.string(),
      monthToDateJpy: z.number().int(),
      forecastJpy: z.number().int(),
      budgets: z.array(z.object({ id: z.string(), name: z.string(), monthlyAmountJpy: z.number().int(), percentUsed: z.number() })),
    })
    .nullable(),
  residency: z.array(ResidencyLine).nullable(),
  quotaRequests: z.array(QuotaRequest).nullable(),
  operations: z.array(ConsoleOperation),
  audit: z.array(z.object({ id: z.string(), action: z.string(), actorName: z.string().nullable(), createdAt: Timestamp })).nullable(),
  controlPlane: z.object({ status: z.enum(["ok", "down"]), detail: z.string().optional() }),
});
export type Overview = z.infer<typeof Overview>;
