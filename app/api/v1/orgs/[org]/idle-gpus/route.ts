import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { IdleGpuQuery } from "@/lib/domain/telemetry";
import { getIdleGpuFindings } from "@/lib/services/telemetry/get-idle-gpu-findings";

export const GET = apiRoute({ params: OrgParams, query: IdleGpuQuery }, async ({ principal, params, query }) => ok(await getIdleGpuFindings(principal, params.org, { clusterId: query.clusterId })));
