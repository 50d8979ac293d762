import { apiRoute } from "@/lib/api/route";
import { created } from "@/lib/api/responses";
import { ClusterParams } from "@/lib/domain/clusters-api";
import { KubeconfigInput } from "@/lib/domain/clusters";
import { issueKubeconfig } from "@/lib/services/clusters/issue-kubeconfig";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const POST = apiRoute({ params: ClusterParams, body: KubeconfigInput }, async ({ principal, params, body }) => created(await issueKubeconfig(await processControlPlane(), principal, params.org, params.id, body)));
