import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { TelemetryQuery, type TelemetrySeries } from "@/lib/domain/telemetry";
import { orgContext } from "../access/org-context";
import { loadEndpoint } from "../endpoints/records";
import { telemetrySeries } from "./telemetry-series";

// GPU utilisation of an endpoint's replicas, beside its latency charts.

export async function getEndpointTelemetry(principal: Principal, slug: string, endpointId: string, raw: { range?: string } = {}, now = Date.now()): Promise<TelemetrySeries> {
  const { range } = TelemetryQuery.parse({ range: raw.range });
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  await loadEndpoint(db, orgId, endpointId, { includeDeleted: true });
  return telemetrySeries(db, orgId, endpointId, range, null, now);
}
