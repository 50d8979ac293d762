"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useRef } from "react";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { useOrg } from "@/components/shell/org-context";
import { newIdempotencyKey } from "@/lib/client/api-fetch";
import { isApprovalRequest, useApprovalRequest, useResubmitApprovalRequest, useWithdrawApprovalRequest } from "@/lib/client/approvals/use-approval-requests";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { ApprovalRequest } from "@/lib/domain/approval-requests";
import { formatDateTime, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { ApprovalDecisionForm } from "./approval-decision-form";
import { ApprovalOrderSummary, OrderItem as Item } from "./approval-order-summary";
import { ApprovalSpend } from "./approval-spend";
import { ApprovalStatusBadge } from "./approval-status-badge";
import { CostCenterName } from "./cost-center-name";

// One 稟議: the request (件名・目的, the order, the estimate, who pays), capacity and quota as the
// requester saw them, each stage and its decision (who, when in JST, on whose behalf), and what
// the viewer may do now: decide, withdraw, request again, download the 稟議書.

export function ApprovalDetail({ id }: { id: string }) {
  const { slug } = useOrg();
  const t = useTranslations("approvals");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const query = useApprovalRequest(slug, id);
  if (query.isPending) return <Skeleton className="h-64 w-full" />;
  if (query.isError) return <p role="alert" className="text-sm text-red-700">{errorMessage(query.error)}</p>;
  const r = query.data;
  const delegatorName = r.viewer.decidesOnBehalfOfName;

  return (
    <>
      <Link href={`/${slug}/approvals`} className="mb-2 inline-block text-sm text-brand-700 underline-offset-2 hover:underline">
        {t("detail.back")}
      </Link>
      <PageHeader title={r.subject} description={`${t(`action.${r.action}`)}: ${r.targetName}`} actions={<ApprovalStatusBadge status={r.status} />} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          {r.refusal ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {t("detail.refusal", { reason: r.refusal.message })}
            </p>
          ) : null}
          <Card>
            <CardHeader title={t("detail.order")} />
            <CardBody>
              <dl className="grid gap-3 text-sm sm:grid-cols-2">
                <Item label={t("detail.purpose")} wide>
                  <p className="whitespace-pre-wrap">{r.purpose}</p>
                </Item>
                <Item label={t("detail.target")}>{r.targetName}</Item>
                <ApprovalOrderSummary request={r} />
                <Item label={t("detail.estimate")} wide>
                  {t("detail.perHour")} {formatYen(r.estimate.perHour, locale)} / {t("detail.perMonth")} {formatYen(r.estimate.perMonth, locale)} / {t("detail.perPeriod", { months: r.estimate.periodMonths })} {formatYen(r.estimate.perPeriod, locale)}（{r.estimate.basis === "contract" ? t("detail.basisContract") : t("detail.basisList")}）
                </Item>
                <Item label={t("detail.costCenter")}>{r.costCenterId ? <CostCenterName id={r.costCenterId} /> : t("detail.none")}</Item>
                <Item label={t("detail.poNumber")}>{r.poNumber ?? t("detail.none")}</Item>
                <Item label={t("detail.policy")}>{r.policy.name || t("contractRule", { threshold: formatYen(r.stages.find((s) => s.accountManager)?.accountManager?.thresholdJpy ?? 0, locale) })}</Item>
                <Item label={t("detail.requestedBy")}>{r.requester.name}</Item>
                <Item label={t("detail.requestedAt")}>{formatDateTime(r.createdAt, locale)}</Item>
                <Item label={t("detail.expiresAt")}>{formatDateTime(r.expiresAt, locale)}</Item>
              </dl>
            </CardBody>
          </Card>
          <Snapshot request={r} />
          <Card>
            <CardHeader title={t("detail.stages")} />
            <CardBody>
              <ol className="space-y-3 text-sm">
                {r.stages.map((s, i) => (
                  <li key={i} className="rounded-md border border-line px-3 py-2">
                    <div className="flex items-center justify-between gap-2">
                      <span className="font-medium">
                        {i + 1}. {s.accountManager ? t("accountManagerStage") : s.name}
                      </span>
                      <span>{t(`stageState.${s.state}`)}</span>
                    </div>
                    {s.decision ? (
                      <div className="mt-1 text-muted">
                        {t("detail.decidedBy", { name: s.decision.deciderName, at: formatDateTime(s.decision.decidedAt, locale) })}
                        {s.decision.onBehalfOfName ? `（${t("detail.onBehalfOf", { name: s.decision.onBehalfOfName })}）` : null}
                        {s.decision.comment ? <p className="mt-1 whitespace-pre-wrap text-ink">{s.decision.comment}</p> : null}
                      </div>
                    ) : null}
                  </li>
                ))}
              </ol>
            </CardBody>
          </Card>
        </div>
        <aside className="space-y-4">
          {r.viewer.canDecide ? <ApprovalDecisionForm request={r} delegatorName={delegatorName} /> : null}
          <RequesterActions request={r} />
          {r.operationId ? (
            <Link href={`/${slug}/operations?highlight=${r.operationId}`} className="block text-sm text-brand-700 underline">
              {t("detail.operation")}
            </Link>
          ) : null}
          {r.previousRequestId ? (
            <Link href={`/${slug}/approvals/${r.previousRequestId}`} className="block text-sm text-brand-700 underline">
              {t("detail.previous")}
            </Link>
          ) : null}
          <a href={`/api/v1/orgs/${slug}/approval-requests/${r.id}/pdf`} className="inline-flex items-center gap-1 text-sm text-brand-700 underline" download>
            <Download className="size-4" aria-hidden />
            {t("detail.pdf")}
          </a>
          <ApprovalSpend />
        </aside>
      </div>
    </>
  );
}

function Snapshot({ request }: { request: ApprovalRequest }) {
  const t = useTranslations("approvals.detail");
  const s = request.snapshot;
  return (
    <Card>
      <CardHeader title={t("snapshot")} />
      <CardBody className="space-y-1 text-sm">
        {!s.capacityKnown ? <p className="text-muted">{t("capacityUnknown")}</p> : null}
        {s.pools.map((p) => (
          <p key={p.index}>
            {t("capacityLine", { shape: p.shapeId ?? "—", requested: p.requested, available: p.available === null ? "—" : String(p.available) })}（{p.fits === false ? t("short") : t("fits")}）
          </p>
        ))}
        {s.quota.map((q) => (
          <p key={q.gpuModel}>
            {t("quotaLine", { model: q.gpuModel, region: q.regionId, limit: q.limit, inUse: q.inUse, requested: q.requested })}（{q.fits ? t("fits") : t("short")}）
          </p>
        ))}
      </CardBody>
    </Card>
  );
}

function RequesterActions({ request }: { request: ApprovalRequest }) {
  const { slug, userId } = useOrg();
  const t = useTranslations("approvals");
  const toast = useToast();
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const withdraw = useWithdrawApprovalRequest(slug, request.id);
  const resubmit = useResubmitApprovalRequest(slug, request.id);
  const key = useRef(newIdempotencyKey());
  const finished = ["rejected", "withdrawn", "expired", "refused"].includes(request.status);
  const mine = request.requester.userId === userId;
  if (!mine || (!request.viewer.canWithdraw && !finished)) return null;
  return (
    <div className="flex flex-col gap-2">
      {request.viewer.canWithdraw ? (
        <Button
          variant="secondary"
          disabled={withdraw.isPending}
          onClick={async () => {
            if (!window.confirm(t("withdraw.confirm"))) return;
            try {
              await withdraw.mutateAsync({ idempotencyKey: key.current });
              toast.success(t("withdraw.done"));
            } catch (e) {
              toast.error(errorMessage(e));
            }
          }}
        >
          {t("withdraw.button")}
        </Button>
      ) : null}
      {finished && mine ? (
        <Button
          disabled={resubmit.isPending}
          onClick={async () => {
            try {
              const answer = await resubmit.mutateAsync({ idempotencyKey: key.current });
              toast.success(t("resubmit.done"));
              if (isApprovalRequest(answer)) router.push(`/${slug}/approvals/${answer.id}`);
            } catch (e) {
              toast.error(errorMessage(e));
            }
          }}
        >
          {t("resubmit.button")}
        </Button>
      ) : null}
    </div>
  );
}
