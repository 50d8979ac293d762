"use client";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { useOverview } from "@/lib/client/overview/use-overview";
import type { Overview } from "@/lib/domain/overview";
import { AuditTile, OperationsTile, QuotaRequestsTile } from "./activity-tile";
import { GpuTile } from "./gpu-tile";
import { ResidencyTile } from "./residency-tile";
import { ResourcesTile } from "./resources-tile";
import { SpendTile } from "./spend-tile";
import { IdleGpuFindings } from "@/components/telemetry/idle-gpu-findings";

export function OverviewDashboard({ slug, orgName, initial }: { slug: string; orgName: string; initial: Overview }) {
  const t = useTranslations("overview");
  const { data } = useOverview(slug, initial);
  const overview = data ?? initial;
  return (
    <>
      <PageHeader
        title={t("title")}
        description={orgName}
        actions={
          <Badge tone={overview.controlPlane.status === "ok" ? "success" : "danger"}>
            {overview.controlPlane.status === "ok" ? t("controlPlaneOk") : t("controlPlaneDown")}
          </Badge>
        }
      />
      <IdleGpuFindings slug={slug} />
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
        <ResourcesTile slug={slug} resources={overview.resources} />
        {overview.spend ? <SpendTile slug={slug} spend={overview.spend} /> : <GpuTile slug={slug} gpus={overview.gpus} />}
        {overview.spend ? <GpuTile slug={slug} gpus={overview.gpus} /> : null}
        {overview.residency ? <ResidencyTile slug={slug} residency={overview.residency} /> : null}
        {overview.quotaRequests ? <QuotaRequestsTile slug={slug} requests={overview.quotaRequests} /> : null}
        <OperationsTile slug={slug} operations={overview.operations} />
        {overview.audit ? <AuditTile slug={slug} audit={overview.audit} /> : null}
      </div>
    </>
  );
}
