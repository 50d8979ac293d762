import type { ApprovalRequest } from "@/lib/domain/approval-requests";
import { findTerm } from "@/lib/domain/billing";

// 「注文内容」 of the 稟議書 (Japanese, for the company's records): what each kind of held order
// orders, in words — the same facts the approval page shows (components/approvals/approval-order-summary.tsx).

const s = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "—");

export function ringiOrderLines(r: Pick<ApprovalRequest, "action" | "order">): string[] {
  const o = r.order;
  switch (r.action) {
    case "cluster.create": {
      const pools = (o.nodePools ?? []) as { name: string; shapeId: string; count: number }[];
      return [`ゾーン ${s(o.zoneId)}`, o.kubernetesVersion ? `Kubernetes ${s(o.kubernetesVersion)}` : "", ...pools.map((p) => `ノードプール ${p.name}: ${p.shapeId} × ${p.count}台`)].filter(Boolean);
    }
    case "endpoint.create":
      return [`モデル ${s(o.modelId)}`, `マシンタイプ ${s(o.shapeId)}\u3000ゾーン ${s(o.zoneId)}`, `レプリカ数 最小 ${s(o.minReplicas)}〜最大 ${s(o.maxReplicas)}`];
    case "endpoint.scale_up":
      return [`エンドポイント ${s(o.endpointName)}（${s(o.shapeId)}）`, `最小レプリカ数 ${s(o.fromMinReplicas)} → ${s(o.minReplicas)}`];
    case "node_pool.scale_up":
      return [`クラスター ${s(o.clusterName)}\u3000ノードプール ${s(o.poolName)}（${s(o.shapeId)}）`, `ノード数 ${s(o.fromCount)} → ${s(o.toCount)}`];
    case "reservation.create":
      return [`${s(o.shapeId)} × ${s(o.count)}台\u3000ゾーン ${s(o.zoneId)}`, `期間 ${findTerm(s(o.term))?.days ?? "—"}日\u3000開始日 ${typeof o.startDate === "string" ? o.startDate : "承認後ただちに"}`];
    default:
      return [];
  }
}
