"use client";
import { useTranslations } from "next-intl";
import type { ApprovalRequest } from "@/lib/domain/approval-requests";

// What a 稟議 orders, in words, for each kind of held order: the approver reads the machines and
// the change as the order will be sent (the request keeps the complete order; a scale-up also
// keeps what it is raised from, so "from → to" reads without looking the resource up).

type Order = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "—");

export function OrderItem({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="text-muted">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ApprovalOrderSummary({ request }: { request: ApprovalRequest }) {
  const t = useTranslations("approvals.order");
  const terms = useTranslations("reservations.terms");
  const o = request.order as Order;
  switch (request.action) {
    case "cluster.create": {
      const pools = (o.nodePools ?? []) as { name: string; shapeId: string; count: number }[];
      return (
        <>
          <OrderItem label={t("zone")}>{str(o.zoneId)}</OrderItem>
          <OrderItem label={t("pools")} wide>
            <ul>
              {pools.map((p) => (
                <li key={p.name}>{t("poolLine", { name: p.name, shape: p.shapeId, count: p.count })}</li>
              ))}
            </ul>
          </OrderItem>
        </>
      );
    }
    case "endpoint.create":
      return (
        <>
          <OrderItem label={t("model")}>{str(o.modelId)}</OrderItem>
          <OrderItem label={t("shape")}>{str(o.shapeId)}</OrderItem>
          <OrderItem label={t("zone")}>{str(o.zoneId)}</OrderItem>
          <OrderItem label={t("replicas")}>{t("replicaRange", { min: str(o.minReplicas), max: str(o.maxReplicas) })}</OrderItem>
        </>
      );
    case "endpoint.scale_up":
      return (
        <>
          <OrderItem label={t("endpoint")}>{str(o.endpointName)}</OrderItem>
          <OrderItem label={t("shape")}>{str(o.shapeId)}</OrderItem>
          <OrderItem label={t("minReplicas")} wide>
            {t("fromTo", { from: str(o.fromMinReplicas), to: str(o.minReplicas) })}
            {o.maxReplicas !== undefined ? `（${t("maxReplicas", { max: str(o.maxReplicas) })}）` : null}
          </OrderItem>
        </>
      );
    case "node_pool.scale_up":
      return (
        <>
          <OrderItem label={t("cluster")}>{str(o.clusterName)}</OrderItem>
          <OrderItem label={t("pool")}>{str(o.poolName)}</OrderItem>
          <OrderItem label={t("shape")}>{str(o.shapeId)}</OrderItem>
          <OrderItem label={t("nodes")}>{t("fromTo", { from: str(o.fromCount), to: str(o.toCount) })}</OrderItem>
        </>
      );
    case "reservation.create":
      return (
        <>
          <OrderItem label={t("shape")}>{t("machines", { shape: str(o.shapeId), count: str(o.count) })}</OrderItem>
          <OrderItem label={t("zone")}>{str(o.zoneId)}</OrderItem>
          <OrderItem label={t("term")}>{terms(str(o.term) as never)}</OrderItem>
          <OrderItem label={t("start")}>{typeof o.startDate === "string" ? o.startDate : t("startNow")}</OrderItem>
        </>
      );
    default:
      return null;
  }
}
