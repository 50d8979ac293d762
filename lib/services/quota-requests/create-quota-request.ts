import "server-only";
import { and, eq } from "drizzle-orm";
import { quotaRequests } from "@/lib/db/schema";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import type { Principal } from "@/lib/auth/principal";
import { findRegion } from "@/lib/domain/catalog";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { CreateQuotaRequestInput, type QuotaRequest } from "@/lib/domain/quotas";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { gpuModelsInRegion } from "../catalog/offerings";
import { quotaLimitFor } from "../quotas/quota-usage";
import { toQuotaRequest } from "./to-quota-request";

/**
 * Asks for a higher GPU quota in one region and GPU model. `requestedGpus` is the new limit
 * wanted (more than the current one). The request is stored pending, with the limit at the time
 * and its first history entry, so the org's account manager can decide it (the staff issue).
 * One open request per region and model: a second one is a conflict naming the first.
 */
export async function createQuotaRequest(principal: Principal, slug: string, rawInput: CreateQuotaRequestInput, options: { outcome?: OutcomeRecorder<QuotaRequest> } = {}): Promise<QuotaRequest> {
  const input = CreateQuotaRequestInput.parse(rawInput);
  const { db, orgId } = await orgContext(principal, slug, "quotas.request");
  if (!findRegion(input.regionId)) throw new AppError("validation_failed", "unknown region", { field: "regionId" });
  if (!gpuModelsInRegion(input.regionId).includes(input.gpuModel)) {
    throw new AppError("validation_failed", `${input.gpuModel} is not offered in ${input.regionId}`, { field: "gpuModel", offered: gpuModelsInRegion(input.regionId) });
  }
  return db.transaction(async (tx) => {
    const currentGpus = await quotaLimitFor(tx, orgId, input.regionId, input.gpuModel);
    if (input.requestedGpus <= currentGpus) {
      throw new AppError("business_rule", "the requested limit must be higher than the current quota", { field: "requestedGpus", currentGpus });
    }
    const [open] = await tx
      .select({ id: quotaRequests.id })
      .from(quotaRequests)
      .where(and(eq(quotaRequests.orgId, orgId), eq(quotaRequests.regionId, input.regionId), eq(quotaRequests.gpuModel, input.gpuModel), eq(quotaRequests.status, "pending")))
      .limit(1);
    if (open) throw new AppError("conflict", "a request for this region and GPU model is already pending", { field: "gpuModel", pendingRequestId: open.id });
    const now = new Date();
    const [row] = await tx
      .insert(quotaRequests)
      .values({
        id: newId("quotaRequest"),
        orgId,
        regionId: input.regionId,
        gpuModel: input.gpuModel,
        currentGpus,
        requestedGpus: input.requestedGpus,
        reason: input.reason,
        status: "pending",
        requestedBy: principal.tokenId ?? principal.userId,
        history: [{ at: now.toISOString(), by: principal.name, status: "pending", note: input.reason }],
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, principal, orgId, {
      action: "quota_request.create",
      targetType: "quota_request",
      targetId: row.id,
      data: { regionId: input.regionId, gpuModel: input.gpuModel, currentGpus, requestedGpus: input.requestedGpus },
    });
    const created = toQuotaRequest(row);
    await options.outcome?.recordIn(tx, created);
    return created;
  });
}
