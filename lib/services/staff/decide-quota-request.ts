import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { orgs, quotaLimits, quotaRequests, users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { DecideQuotaRequestInput, type StaffQuotaRequest } from "@/lib/domain/staff";
import { recordAudit } from "../audit/record";
import { notifyOrgRoles } from "../notifications/notify";
import { toQuotaRequest } from "../quota-requests/to-quota-request";
import { quotaLimitFor } from "../quotas/quota-usage";
import { isAssigned } from "./staff-account-access";
import { requireStaff } from "./require-staff";
import { parseServiceInput } from "../validation/parse-input";

// Who hears about a quota decision: the people who can file requests and run workloads.
const NOTIFIED_ROLES = ["owner", "admin", "developer"] as const;

/**
 * An account manager decides a pending quota request of an account they look after: approve
 * (the amount asked, or a different new limit) or reject with a reason. The quota changes in the
 * same transaction; the request's history gets the decision; the customer's audit log and the
 * staff log both record it; the customer's people are notified.
 */
export async function decideQuotaRequest(principal: Principal, requestId: string, rawInput: DecideQuotaRequestInput, now: Date = new Date()): Promise<StaffQuotaRequest> {
  requireStaff(principal);
  const input = parseServiceInput(DecideQuotaRequestInput, rawInput, "invalid decision");
  const db = await getDb();
  const [found] = await db.select({ orgId: quotaRequests.orgId }).from(quotaRequests).where(eq(quotaRequests.id, requestId)).limit(1);
  // Another manager's account's request is indistinguishable from one that does not exist.
  if (!found || !(await isAssigned(db, principal, found.orgId))) throw new AppError("not_found", "quota request not found");

  const decided = await db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(quotaRequests)
      .where(and(eq(quotaRequests.orgId, found.orgId), eq(quotaRequests.id, requestId)))
      .for("update");
    if (!request) throw new AppError("not_found", "quota request not found");
    if (request.status !== "pending") {
      throw new AppError("conflict", `the request was already ${request.status}`, { status: request.status, decidedAt: request.decidedAt?.toISOString() ?? null });
    }
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, request.orgId)).limit(1);
    const previousLimit = await quotaLimitFor(tx, request.orgId, request.regionId, request.gpuModel);
    const note = input.decisionReason || undefined;
    let approvedGpus: number | null = null;
    if (input.status === "approved") {
      approvedGpus = input.approvedGpus ?? request.requestedGpus;
      if (approvedGpus <= previousLimit) {
        throw new AppError("business_rule", `the new limit must be higher than the current quota of ${previousLimit}`, { field: "approvedGpus", currentGpus: previousLimit });
      }
      await tx
        .insert(quotaLimits)
        .values({ orgId: request.orgId, regionId: request.regionId, gpuModel: request.gpuModel, gpus: approvedGpus, updatedAt: now })
        .onConflictDoUpdate({ target: [quotaLimits.orgId, quotaLimits.regionId, quotaLimits.gpuModel], set: { gpus: approvedGpus, updatedAt: now } });
    }
    const [row] = await tx
      .update(quotaRequests)
      .set({
        status: input.status,
        approvedGpus,
        decisionReason: input.decisionReason || null,
        decidedBy: principal.userId,
        decidedAt: now,
        history: [...request.history, { at: now.toISOString(), by: principal.name, status: input.status, ...(note ? { note } : {}) }],
      })
      .where(and(eq(quotaRequests.orgId, request.orgId), eq(quotaRequests.id, request.id)))
      .returning();

    const verb = input.status === "approved" ? "approve" : "reject";
    const facts = {
      regionId: request.regionId,
      gpuModel: request.gpuModel,
      requestedGpus: request.requestedGpus,
      approvedGpus,
      previousLimit,
      newLimit: approvedGpus ?? previousLimit,
      decisionReason: input.decisionReason || null,
    };
    await recordAudit(tx, principal, request.orgId, { action: `quota_request.${verb}`, targetType: "quota_request", targetId: request.id, data: facts });
    await recordAudit(tx, principal, null, { action: `staff.quota_request.${verb}`, targetType: "org", targetId: request.orgId, data: { slug: org.slug, requestId: request.id, ...facts } });

    await notifyOrgRoles(
      tx,
      request.orgId,
      NOTIFIED_ROLES,
      {
        category: "quota",
        titleKey: input.status === "approved" ? "quotaRequestApproved.title" : "quotaRequestRejected.title",
        bodyKey: input.status === "approved" ? "quotaRequestApproved.body" : "quotaRequestRejected.body",
        params: {
          regionId: request.regionId,
          gpuModel: request.gpuModel,
          requestedGpus: request.requestedGpus,
          approvedGpus: approvedGpus ?? 0,
          previousLimit,
          reason: input.decisionReason ?? "",
        },
        link: `/${org.slug}/shapes`,
        dedupeKey: `quota_request:${request.id}:${input.status}`,
      },
      now,
    );
    return { row, org };
  });

  const [requester] = await db.select({ name: users.name }).from(users).where(eq(users.id, decided.row.requestedBy)).limit(1);
  return {
    ...toQuotaRequest(decided.row),
    org: { slug: decided.org.slug, legalNameJa: decided.org.legalNameJa, legalNameEn: decided.org.legalNameEn },
    requestedByName: requester?.name ?? null,
    decidedByName: principal.name,
  };
}
