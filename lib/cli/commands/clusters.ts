import type { Command } from "commander";
import { formatYen } from "@/lib/i18n/format";
import { KUBERNETES_VERSIONS } from "@/lib/domain/catalog/kubernetes";
import { ok } from "@/lib/sdk/client";
import type { CliContext } from "../context";
import { CliError, EXIT } from "../exit-codes";
import { follow, reportAccepted, timeoutOption, type WaitFlags } from "../follow";
import { renderFields, renderTable, when } from "../output";
import { clusterId } from "../resolve";
import { action } from "../run";

// clusters list | get | create | scale | upgrade | delete | wait

export function registerClusterCommands(program: Command): void {
  const clusters = program.command("clusters").description("Kubernetes clusters / Kubernetes クラスタ");

  clusters
    .command("list")
    .description("Clusters of the org / 組織のクラスタ一覧")
    .option("--status <status>", "provisioning, running, updating, deleting, deleted, failed or active")
    .action(
      action(async (context, options: { status?: string }) => {
        const { t, out, locale } = context;
        const page = await ok(context.api().GET("/api/v1/orgs/{org}/clusters", { params: { path: { org: context.org() }, query: { status: options.status as never, limit: 200 } } }));
        out.print(page, () =>
          renderTable(
            [t("colName"), t("colId"), t("colStatus"), t("colZone"), t("colKubernetes"), t("colGpus"), t("colPerHour")],
            page.items.map((c) => [c.name, c.id, t(`cluster_${c.status}`), c.zoneId, c.kubernetesVersion, `${c.gpuCount} × ${c.gpuModels.join("/") || "-"}`, formatYen(c.pricePerHour.amount, locale)]),
          ),
        );
      }),
    );

  clusters
    .command("get <cluster>")
    .description("One cluster with its node pools (name or id) / クラスタの詳細")
    .action(
      action(async (context, ref: string) => {
        const { t, out, locale } = context;
        const org = context.org();
        const id = await clusterId(context.api(), org, ref, t);
        const c = await ok(context.api().GET("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org, id } } }));
        out.print(c, () =>
          renderFields([
            [t("colName"), c.name],
            [t("colId"), c.id],
            [t("colStatus"), t(`cluster_${c.status}`)],
            [t("colZone"), c.zoneId],
            [t("colKubernetes"), c.kubernetesVersion + (c.upgradeAvailable ? `  (${t("upgradeAvailable", { version: c.upgradeAvailable })})` : "")],
            [t("colApiServer"), c.apiServerUrl],
            [t("colPerHour"), formatYen(c.pricePerHour.amount, locale)],
            [t("colCreated"), when(c.createdAt, locale)],
            [t("colOperation"), c.activeOperation ? `${c.activeOperation.id} ${c.activeOperation.progress}%` : null],
          ]) +
            "\n\n" +
            renderTable([t("colPool"), t("colId"), t("colShape"), t("colNodes")], c.nodePools.map((p) => [p.name, p.id, p.shapeId, p.count])),
        );
      }),
    );

  clusters
    .command("create <name>")
    .description("Launch a cluster with one node pool / クラスタを作成します")
    .requiredOption("--zone <id>", "zone, e.g. tokyo-1a (see `hinoki capacity`)")
    .requiredOption("--shape <id>", "node shape, e.g. h100-8x (see `hinoki shapes`)")
    .option("--count <n>", "nodes in the pool", "1")
    .option("--pool <name>", "node pool name", "gpu")
    .option("--version <k8s>", "Kubernetes minor version", KUBERNETES_VERSIONS[0])
    .option("--ha", "highly available control plane (three replicas)")
    .option("--wait", "follow the launch until the cluster runs")
    .option(...timeoutOption)
    .action(
      action(async (context, name: string, options: WaitFlags & { zone: string; shape: string; count: string; pool: string; version: string; ha?: boolean }) => {
        const accepted = await context.api().POST("/api/v1/orgs/{org}/clusters", {
          params: { path: { org: context.org() } },
          body: {
            name,
            zoneId: options.zone,
            kubernetesVersion: options.version as (typeof KUBERNETES_VERSIONS)[number],
            controlPlane: options.ha ? "ha" : "single",
            nodePools: [{ name: options.pool, shapeId: options.shape, count: integer(options.count, context) }],
          },
        });
        await reportAccepted(context, accepted, options, context.t("clusterReady", { name }));
      }),
    );

  clusters
    .command("scale <cluster>")
    .description("Set the node count of a pool / ノード数を変更します")
    .requiredOption("--count <n>", "nodes")
    .option("--pool <name>", "pool name or id (default: the cluster's only pool)")
    .option("--wait", "follow until done")
    .option(...timeoutOption)
    .action(
      action(async (context, ref: string, options: WaitFlags & { count: string; pool?: string }) => {
        const { t } = context;
        const org = context.org();
        const api = context.api();
        const id = await clusterId(api, org, ref, t);
        const cluster = await ok(api.GET("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org, id } } }));
        const pools = options.pool ? cluster.nodePools.filter((p) => p.name === options.pool || p.id === options.pool) : cluster.nodePools;
        if (pools.length !== 1) throw new CliError(t(options.pool ? "poolNotFound" : "poolAmbiguous", { pool: options.pool ?? "", pools: cluster.nodePools.map((p) => p.name).join(", ") }), EXIT.usage);
        const accepted = await api.PATCH("/api/v1/orgs/{org}/clusters/{id}/node-pools/{poolId}", { params: { path: { org, id, poolId: pools[0].id } }, body: { count: integer(options.count, context) } });
        await reportAccepted(context, accepted, options, t("scaled", { name: cluster.name, count: options.count }));
      }),
    );

  clusters
    .command("upgrade <cluster>")
    .description("Upgrade Kubernetes by one minor version / Kubernetes をアップグレードします")
    .option("--version <k8s>", "target version (default: the next one)")
    .option("--wait", "follow until done")
    .option(...timeoutOption)
    .action(
      action(async (context, ref: string, options: WaitFlags & { version?: string }) => {
        const { t } = context;
        const org = context.org();
        const api = context.api();
        const id = await clusterId(api, org, ref, t);
        let version = options.version;
        if (!version) {
          const cluster = await ok(api.GET("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org, id } } }));
          if (!cluster.upgradeAvailable) throw new CliError(t("noUpgrade", { name: cluster.name }), EXIT.refused);
          version = cluster.upgradeAvailable;
        }
        const accepted = await api.PATCH("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org, id } }, body: { kubernetesVersion: version as (typeof KUBERNETES_VERSIONS)[number] } });
        await reportAccepted(context, accepted, options, t("upgraded", { name: ref, version }));
      }),
    );

  clusters
    .command("delete <cluster>")
    .description("Delete a cluster; its nodes are drained and released / クラスタを削除します")
    .option("--yes", "confirm (required: deletion cannot be undone)")
    .option("--wait", "follow until deleted")
    .option(...timeoutOption)
    .action(
      action(async (context, ref: string, options: WaitFlags & { yes?: boolean }) => {
        const { t } = context;
        if (!options.yes) throw new CliError(t("confirmWithYes", { name: ref }), EXIT.usage);
        const org = context.org();
        const api = context.api();
        const id = await clusterId(api, org, ref, t);
        const accepted = await api.DELETE("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org, id } } });
        await reportAccepted(context, accepted, options, t("deleted", { name: ref }));
      }),
    );

  clusters
    .command("wait <cluster>")
    .description("Follow the cluster's operation in flight until it ends / 進行中の操作の完了を待ちます")
    .option(...timeoutOption)
    .action(
      action(async (context, ref: string, options: WaitFlags) => {
        const { t, out } = context;
        const org = context.org();
        const api = context.api();
        const id = await clusterId(api, org, ref, t);
        const cluster = await ok(api.GET("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org, id } } }));
        if (cluster.activeOperation) await follow(context, api, `/api/v1/orgs/${encodeURIComponent(org)}/operations/${cluster.activeOperation.id}`, options);
        const now = await ok(api.GET("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org, id } } }));
        if (now.status === "failed") throw new CliError(t("clusterFailed", { name: now.name, reason: now.failureReason ?? "" }), EXIT.operationFailed);
        out.print(now, () => t("clusterIs", { name: now.name, status: t(`cluster_${now.status}`) }));
      }),
    );
}

export function integer(value: string, { t }: CliContext): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(t("notANumber", { value }), EXIT.usage);
  return n;
}
