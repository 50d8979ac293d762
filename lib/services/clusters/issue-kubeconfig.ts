import "server-only";
import { stringify } from "yaml";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { KubeconfigInput, type Kubeconfig } from "@/lib/domain/clusters";
import type { ClusterCredentials } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { loadCluster } from "./cluster-records";

// A short-lived kubeconfig: the standard `apiVersion: v1, kind: Config` document with the
// cluster's API server, its own CA (base64 PEM in certificate-authority-data) and a bearer token
// from the control plane. Generated on request, audited (never with the token), shown once.

export function renderKubeconfig(credentials: ClusterCredentials, contextName: string): string {
  const clusterName = contextName;
  const userName = `${contextName}-${credentials.user}`;
  return stringify(
    {
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        {
          name: clusterName,
          cluster: {
            server: credentials.apiServerUrl,
            "certificate-authority-data": Buffer.from(credentials.certificateAuthorityPem, "utf8").toString("base64"),
          },
        },
      ],
      users: [{ name: userName, user: { token: credentials.token } }],
      contexts: [{ name: contextName, context: { cluster: clusterName, user: userName } }],
      "current-context": contextName,
      preferences: {},
    },
    { lineWidth: 0 },
  );
}

export async function issueKubeconfig(cp: ControlPlane, principal: Principal, slug: string, clusterId: string, rawInput: unknown = {}): Promise<Kubeconfig> {
  const { db, orgId, access } = await orgContext(principal, slug, "clusters.credentials");
  const input = KubeconfigInput.parse(rawInput ?? {});
  const cluster = await loadCluster(db, orgId, clusterId);
  if (cluster.status !== "running" && cluster.status !== "updating") {
    throw new AppError("conflict", `cluster is ${cluster.status}; a kubeconfig is issued for a running cluster`, { status: cluster.status });
  }
  const credentials = await cp.issueClusterCredentials(clusterId, input.ttlSeconds);
  const contextName = `hinoki-${access.org.slug}-${cluster.name}`;
  const kubeconfig = renderKubeconfig(credentials, contextName);
  await recordAudit(db, principal, orgId, {
    action: "cluster.kubeconfig.issue",
    targetType: "cluster",
    targetId: clusterId,
    data: { name: cluster.name, expiresAt: credentials.expiresAt, ttlSeconds: input.ttlSeconds, user: credentials.user },
  });
  return {
    clusterId,
    clusterName: cluster.name,
    kubeconfig,
    filename: `kubeconfig-${cluster.name}.yaml`,
    issuedAt: credentials.issuedAt,
    expiresAt: credentials.expiresAt,
  };
}
