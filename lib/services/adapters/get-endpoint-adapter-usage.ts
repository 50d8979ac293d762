import "server-only";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { endpointAdapterUsage } from "@/lib/db/schema";
import type { AdapterUsageQuery, EndpointAdapterUsage } from "@/lib/domain/adapters/adapter-usage-api";
import { addDays, jstDateOf } from "@/lib/domain/billing/jst";
import { orgContext } from "../access/org-context";
import { loadEndpoint } from "../endpoints/records";

/** An endpoint's requests and tokens per adapter (the base model first) over the last `days` JST days, today included. */
export async function getEndpointAdapterUsage(principal: Principal, slug: string, endpointId: string, query: AdapterUsageQuery, now = new Date()): Promise<EndpointAdapterUsage> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  const endpoint = await loadEndpoint(db, orgId, endpointId);
  const to = jstDateOf(now);
  const from = addDays(to, -(query.days - 1));
  const rows = await db
    .select({
      adapterName: endpointAdapterUsage.adapterName,
      requests: sql<number>`sum(${endpointAdapterUsage.requests})`.mapWith(Number),
      errors: sql<number>`sum(${endpointAdapterUsage.errors})`.mapWith(Number),
      inputTokens: sql<number>`sum(${endpointAdapterUsage.inputTokens})`.mapWith(Number),
      outputTokens: sql<number>`sum(${endpointAdapterUsage.outputTokens})`.mapWith(Number),
    })
    .from(endpointAdapterUsage)
    .where(and(eq(endpointAdapterUsage.orgId, orgId), eq(endpointAdapterUsage.endpointId, endpoint.id), gte(endpointAdapterUsage.day, from), lte(endpointAdapterUsage.day, to)))
    .groupBy(endpointAdapterUsage.adapterName)
    .orderBy(asc(endpointAdapterUsage.adapterName));
  return {
    from,
    to,
    items: rows.map((r) => ({
      adapter: r.adapterName === "" ? null : r.adapterName,
      model: r.adapterName === "" ? endpoint.modelId : `${endpoint.modelId}:${r.adapterName}`,
      requests: r.requests,
      errors: r.errors,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
    })),
  };
}
