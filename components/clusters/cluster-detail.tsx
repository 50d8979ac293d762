"use client";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { ArrowUpCircle, KeyRound, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmByTyping } from "@/components/ui/confirm-by-typing";
import { Dialog } from "@/components/ui/dialog";
import { DetailHeader } from "@/components/templates/detail-header";
import { ResidencyChip } from "@/components/residency/residency-chip";
import { zoneLabel } from "@/components/residency/zone-label";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { newIdempotencyKey } from "@/lib/client/api-fetch";
import { useCluster, useDeleteCluster, useRemoveNodePool, useUpgradeCluster } from "@/lib/client/clusters/use-clusters";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { findZone } from "@/lib/domain/catalog/regions";
import type { ClusterDetail as ClusterDetailView, NodePool } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { formatDateTime, formatNumber, formatYen } from "@/lib/i18n/format";
import { formatGpus } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";
import { ClusterStatusBadge } from "./cluster-status-badge";
import { OperationProgress } from "@/components/operations/operation-progress";
import { OperationsTable } from "@/components/operations/operations-table";
import { useOperationEndToast } from "@/components/operations/use-operation-end-toast";
import { QueuePositionPanel } from "@/components/operations/queue-position";

// The pool and kubeconfig forms (with the shape catalog the pool form prices from) load when
// someone opens them, not with the page.
const ScalePoolDialog = dynamic(() => import("./node-pool-dialogs").then((m) => m.ScalePoolDialog), { ssr: false });
const AddPoolDialog = dynamic(() => import("./node-pool-dialogs").then((m) => m.AddPoolDialog), { ssr: false });
const KubeconfigDialog = dynamic(() => import("./kubeconfig-dialog").then((m) => m.KubeconfigDialog), { ssr: false });
const ClusterGpuSection = dynamic(() => import("@/components/telemetry/cluster-gpu-section").then((m) => m.ClusterGpuSection), { ssr: false });

/** `initial`: the cluster and its history as the server page loaded them (the first paint needs no request). */
export function ClusterDetail({ id, initial }: { id: string; initial?: { cluster: ClusterDetailView; operations: { items: ConsoleOperation[]; nextCursor: string | null } } }) {
  const { slug } = useOrg();
  const canWrite = useCan("clusters.write");
  const canConnect = useCan("clusters.credentials");
  // Spend follows billing.read (the permission table); the API sends no cost to other roles.
  const seesSpend = useCan("billing.read");
  const t = useTranslations("clusters");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const query = useCluster(slug, id, initial?.cluster);
  const cluster = query.data;
  const remove = useRemoveNodePool(slug, id);
  const upgrade = useUpgradeCluster(slug, id);
  const destroy = useDeleteCluster(slug, id);
  const [scaling, setScaling] = useState<NodePool | null>(null);
  const [removing, setRemoving] = useState<NodePool | null>(null);
  const [adding, setAdding] = useState(false);
  const [kubeconfig, setKubeconfig] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [upgrading, setUpgrading] = useState(false);
  const intent = useRef<string | null>(null);

  useOperationEndToast(slug, cluster?.activeOperation);

  if (query.isLoading) {
    return (
      <div className="space-y-4">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-32 w-full" />
      </div>
    );
  }
  if (query.error || !cluster) {
    return (
      <p role="alert" className="text-sm text-red-800">
        {errorMessage(query.error)}
      </p>
    );
  }

  const zone = findZone(cluster.zoneId);
  const idle = cluster.activeOperation === null;
  const running = cluster.status === "running";
  const run = <T,>(mutation: { mutateAsync: (v: T) => Promise<unknown> }, value: (key: string) => T, done: () => void) => async () => {
    intent.current ??= newIdempotencyKey();
    try {
      await mutation.mutateAsync(value(intent.current));
      done();
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      intent.current = null;
    }
  };

  return (
    <>
      <DetailHeader
        trail={[{ label: t("title"), href: `/${slug}/clusters` }]}
        title={cluster.name}
        status={<ClusterStatusBadge status={cluster.status} />}
        facts={[{ label: "ID", value: cluster.id, copy: true }]}
        chips={<ResidencyChip resourceId={cluster.id} zoneId={cluster.zoneId} />}
        actions={
          <>
            {canConnect && (running || cluster.status === "updating") ? (
              <Button onClick={() => setKubeconfig(true)}>
                <KeyRound className="size-4" aria-hidden />
                {t("detail.kubeconfig")}
              </Button>
            ) : null}
            {canWrite && running && idle && cluster.upgradeAvailable ? (
              <Button variant="secondary" onClick={() => setUpgrading(true)}>
                <ArrowUpCircle className="size-4" aria-hidden />
                {t("detail.upgradeTo", { version: cluster.upgradeAvailable })}
              </Button>
            ) : null}
          </>
        }
      />

      <div className="space-y-6">
        {cluster.activeOperation?.status === "queued" ? (
          <QueuePositionPanel operationId={cluster.activeOperation.id} />
        ) : cluster.activeOperation ? (
          <Card>
            <CardBody>
              <OperationProgress operation={cluster.activeOperation} />
            </CardBody>
          </Card>
        ) : null}
        {cluster.status === "failed" ? (
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900">
            <p className="font-semibold">{t("detail.failedTitle")}</p>
            <p className="mt-1">{cluster.failureReason}</p>
            {cluster.released ? <p className="mt-1">{t("detail.released", { nodes: cluster.released.nodes, gpus: formatGpus(cluster.released.gpus, locale) })}</p> : null}
          </div>
        ) : null}

        <Card>
          <CardHeader title={t("detail.summary")} />
          <CardBody>
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
              <Fact label={t("detail.zone")} value={zone ? zoneLabel(zone, locale) : cluster.zoneId} />
              <Fact label={t("detail.version")} value={`Kubernetes ${cluster.kubernetesVersion}`} />
              <Fact label={t("detail.controlPlane")} value={t(`price.controlPlane.${cluster.controlPlane}`)} />
              <Fact label={t("detail.gpus")} value={`${formatNumber(cluster.gpuCount, locale)} ${cluster.gpuModels.join("/")}`} />
              <Fact label={t("detail.pricePerHour")} value={`${formatYen(cluster.pricePerHour.amount, locale)}（${t("detail.perMonth", { price: formatYen(cluster.pricePerHour.amount * 730, locale) })}）`} />
              {seesSpend && cluster.costThisMonth ? (
                <Fact label={t("detail.costThisMonth")} value={`${formatYen(cluster.costThisMonth.amount, locale)}${cluster.costThisMonth.source === "estimated" ? ` ${t("list.estimated")}` : ""}`} />
              ) : null}
              <Fact label={t("detail.apiServer")} value={<span className="break-all font-mono text-xs">{cluster.apiServerUrl ?? "—"}</span>} />
              <Fact label={t("detail.createdAt")} value={`${formatDateTime(cluster.createdAt, locale)}${cluster.createdBy ? ` · ${cluster.createdBy}` : ""}`} />
              <Fact label={t("detail.network")} value={<span className="font-mono text-xs">{cluster.network.podCidr} / {cluster.network.serviceCidr}</span>} />
            </dl>
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title={t("detail.pools")}
            actions={
              canWrite && running && idle ? (
                <Button variant="secondary" size="sm" onClick={() => setAdding(true)}>
                  <Plus className="size-4" aria-hidden />
                  {t("detail.addPool")}
                </Button>
              ) : null
            }
          />
          <Table>
            <thead>
              <tr>
                <Th>{t("detail.poolName")}</Th>
                <Th>{t("detail.shape")}</Th>
                <Th numeric>{t("detail.nodes")}</Th>
                <Th>{t("detail.autoscaling")}</Th>
                <Th numeric>{t("detail.gpus")}</Th>
                <Th numeric>{t("detail.pricePerHour")}</Th>
                <Th>{tc("status")}</Th>
                {canWrite ? <Th className="text-right">{tc("actions")}</Th> : null}
              </tr>
            </thead>
            <tbody>
              {cluster.nodePools.map((pool) => (
                <tr key={pool.id} data-testid="pool-row">
                  <Td className="font-medium">
                    {pool.name}
                    {pool.topology === "rack" ? <span className="ml-2 text-xs text-muted">{t("detail.wholeRacks")}</span> : null}
                  </Td>
                  <Td className="font-mono text-xs">{pool.shapeId}</Td>
                  <Td numeric data-testid="pool-count">{pool.count}</Td>
                  <Td>{pool.autoscaling ? `${pool.autoscaling.min}–${pool.autoscaling.max}` : t("detail.off")}</Td>
                  <Td numeric>{formatNumber(pool.gpuCount, locale)}</Td>
                  <Td numeric>{formatYen(pool.pricePerHour.amount, locale)}</Td>
                  <Td>{t(`poolStatus.${pool.status}`)}</Td>
                  {canWrite ? (
                    <Td className="text-right">
                      {running && idle ? (
                        <div className="flex justify-end gap-1">
                          <Button variant="ghost" size="sm" onClick={() => setScaling(pool)}>
                            {t("detail.scale")}
                          </Button>
                          {cluster.nodePools.length > 1 ? (
                            <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setRemoving(pool)}>
                              {t("detail.removePool")}
                            </Button>
                          ) : null}
                        </div>
                      ) : null}
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>

        <Card>
          <CardHeader title={t("detail.nodesTitle")} description={cluster.nodes === null ? t("detail.nodesUnavailable") : undefined} />
          {cluster.nodes && cluster.nodes.length > 0 ? (
            <Table>
              <thead>
                <tr>
                  <Th>{t("detail.hostname")}</Th>
                  <Th>{t("detail.poolName")}</Th>
                  <Th>{tc("status")}</Th>
                  <Th>{t("detail.gpuDevices")}</Th>
                  <Th>{t("detail.provisionedAt")}</Th>
                </tr>
              </thead>
              <tbody>
                {cluster.nodes.map((node) => (
                  <tr key={node.nodeId} data-testid="node-row">
                    <Td className="font-mono text-xs">{node.hostname}</Td>
                    <Td>{cluster.nodePools.find((p) => p.id === node.poolId)?.name ?? "—"}</Td>
                    <Td>{t(`nodeStatus.${node.status}`)}</Td>
                    <Td className="text-xs">
                      {node.gpus.length === 0 ? (
                        "—"
                      ) : (
                        <details>
                          <summary className="cursor-pointer">
                            {node.gpus[0].model} × {node.gpus.length} · {t("detail.driver", { driver: node.gpus[0].driver })}
                          </summary>
                          <ul className="mt-1 font-mono">
                            {node.gpus.map((g) => (
                              <li key={g.index}>
                                #{g.index} {g.boardSerial} · CC {g.ccMode}
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </Td>
                    <Td className="text-muted">{node.provisionedAt ? formatDateTime(node.provisionedAt, locale) : "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : (
            <CardBody className="text-sm text-muted">{cluster.nodes === null ? null : t("detail.noNodes")}</CardBody>
          )}
        </Card>

        {cluster.status !== "deleted" ? <ClusterGpuSection slug={slug} clusterId={id} nodes={cluster.nodes} /> : null}

        <Card>
          <CardHeader title={t("detail.history")} />
          <OperationsTable slug={slug} filters={{ targetId: id }} live={Boolean(cluster.activeOperation)} initial={initial?.operations} />
        </Card>

        {canWrite && (running || cluster.status === "failed") && idle ? (
          <Card className="border-red-200">
            <CardHeader
              title={t("detail.dangerZone")}
              description={t("detail.deleteDescription")}
              actions={
                <Button variant="danger" onClick={() => setDeleting(true)}>
                  <Trash2 className="size-4" aria-hidden />
                  {t("detail.delete")}
                </Button>
              }
            />
          </Card>
        ) : null}
      </div>

      {scaling ? <ScalePoolDialog slug={slug} clusterId={id} pool={scaling} onClose={() => setScaling(null)} /> : null}
      {adding ? <AddPoolDialog slug={slug} clusterId={id} zoneId={cluster.zoneId} onClose={() => setAdding(false)} /> : null}
      {kubeconfig ? <KubeconfigDialog slug={slug} clusterId={id} onClose={() => setKubeconfig(false)} /> : null}
      <Dialog
        open={upgrading}
        onOpenChange={setUpgrading}
        title={t("detail.upgradeTitle", { from: cluster.kubernetesVersion, to: cluster.upgradeAvailable ?? "" })}
        description={t("detail.upgradeDescription")}
        closeLabel={tc("close")}
        footer={
          <>
            <Button variant="secondary" onClick={() => setUpgrading(false)}>
              {tc("cancel")}
            </Button>
            <Button disabled={upgrade.isPending} onClick={run(upgrade, (idempotencyKey) => ({ kubernetesVersion: cluster.upgradeAvailable!, idempotencyKey }), () => setUpgrading(false))}>
              {t("detail.upgrade")}
            </Button>
          </>
        }
      />
      <Dialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={removing ? t("detail.removePoolTitle", { name: removing.name }) : ""}
        description={t("detail.removePoolDescription")}
        closeLabel={tc("close")}
        footer={
          <>
            <Button variant="secondary" onClick={() => setRemoving(null)}>
              {tc("cancel")}
            </Button>
            <Button variant="danger" disabled={remove.isPending} onClick={run(remove, (idempotencyKey) => ({ poolId: removing!.id, idempotencyKey }), () => setRemoving(null))}>
              {t("detail.removePool")}
            </Button>
          </>
        }
      />
      <ConfirmByTyping
        open={deleting}
        onOpenChange={setDeleting}
        title={t("detail.deleteTitle", { name: cluster.name })}
        description={t("detail.deleteConfirm", { gpus: formatGpus(cluster.gpuCount, locale) })}
        expected={cluster.name}
        inputLabel={t("detail.typeName", { name: cluster.name })}
        confirmLabel={t("detail.delete")}
        cancelLabel={tc("cancel")}
        closeLabel={tc("close")}
        pending={destroy.isPending}
        onConfirm={run(destroy, (idempotencyKey) => ({ idempotencyKey }), () => {
          setDeleting(false);
          toast.info(t("detail.deleting", { name: cluster.name }));
          router.refresh();
        })}
      />
    </>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="mt-0.5">{value}</dd>
    </div>
  );
}
