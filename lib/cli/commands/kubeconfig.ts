import type { Command } from "commander";
import { ok } from "@/lib/sdk/client";
import { defaultKubeconfigPath, mergeIntoFile, writePrivate } from "../kubeconfig-merge";
import { clusterId } from "../resolve";
import { action } from "../run";

// kubeconfig <cluster>: a short-lived kubeconfig, merged into ~/.kube/config (or $KUBECONFIG),
// or written to its own file with --output, or printed with --output -.

export function registerKubeconfigCommand(program: Command): void {
  program
    .command("kubeconfig <cluster>")
    .description("Fetch a short-lived kubeconfig and merge it into ~/.kube/config / kubeconfig を取得して統合します")
    .option("-o, --output <file>", "write to this file instead of merging (- for standard output)")
    .option("--ttl <seconds>", "token lifetime (300 to 86400)", "3600")
    .option("--no-switch", "do not make the cluster the current context")
    .action(
      action(async (context, ref: string, options: { output?: string; ttl: string; switch: boolean }) => {
        const { t, out } = context;
        const org = context.org();
        const api = context.api();
        const id = await clusterId(api, org, ref, t);
        const issued = await ok(api.POST("/api/v1/orgs/{org}/clusters/{id}/kubeconfig", { params: { path: { org, id } }, body: { ttlSeconds: Number(options.ttl) } }));
        if (options.output === "-") {
          process.stdout.write(issued.kubeconfig);
          return;
        }
        const file = options.output ?? defaultKubeconfigPath();
        if (options.output) writePrivate(file, issued.kubeconfig);
        else mergeIntoFile(file, issued.kubeconfig, options.switch);
        out.print({ clusterId: issued.clusterId, clusterName: issued.clusterName, file, merged: !options.output, expiresAt: issued.expiresAt }, () =>
          t(options.output ? "kubeconfigWritten" : "kubeconfigMerged", { name: issued.clusterName, file, expires: issued.expiresAt }),
        );
      }),
    );
}
