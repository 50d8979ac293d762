import "server-only";
import type { quotaRequests } from "@/lib/db/schema";
import type { QuotaRequest } from "@/lib/domain/quotas";

export function toQuotaRequest(row: typeof quotaRequests.$inferSelect): QuotaRequest {
  return {
    id: row.id,
    regionId: row.regionId,
    gpuModel: row.gpuModel as QuotaRequest["gpuModel"],
    currentGpus: row.currentGpus,
    requestedGpus: row.requestedGpus,
    approvedGpus: row.approvedGpus,
    reason: row.reason,
    status: row.status as QuotaRequest["status"],
    decisionReason: row.decisionReason,
    requestedBy: row.requestedBy,
    decidedBy: row.decidedBy,
    history: row.history,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
  };
}
