import "server-only";
import { and, eq } from "drizzle-orm";
import { quotaRequests } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { notFound } from "@/lib/domain/errors";
import type { QuotaRequest } from "@/lib/domain/quotas";
import { orgContext } from "../access/org-context";
import { toQuotaRequest } from "./to-quota-request";

/** One request, loaded by (org, id): another org's request is a 404. */
export async function getQuotaRequest(principal: Principal, slug: string, id: string): Promise<QuotaRequest> {
  const { db, orgId } = await orgContext(principal, slug, "quotas.read");
  const [row] = await db
    .select()
    .from(quotaRequests)
    .where(and(eq(quotaRequests.orgId, orgId), eq(quotaRequests.id, id)))
    .limit(1);
  if (!row) throw notFound("quota request");
  return toQuotaRequest(row);
}
