import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { ClusterParams } from "@/lib/domain/clusters-api";
import { listClusterEvents } from "@/lib/services/telemetry/list-cluster-events";

export const GET = apiRoute({ params: ClusterParams }, async ({ principal, params }) => ok(await listClusterEvents(principal, params.org, params.id)));
